import { describe, expect, it } from 'vitest';
import { transitionProblem, updateProblem, visitProblem, type CampaignState } from './screening.workflow.js';

const draft: CampaignState = { status: 'draft', startsOn: '2026-02-01', endsOn: '2026-02-20', placeCount: 2 };

describe('the life of a screening campaign', () => {
  it('starts from a draft, then can get new rounds and be closed', () => {
    expect(transitionProblem(draft, 'start', '2026-02-01')).toBeNull();
    const active = { ...draft, status: 'active' as const };
    expect(transitionProblem(active, 'newRound', '2026-02-05')).toBeNull();
    expect(transitionProblem(active, 'close', '2026-02-05')).toBeNull();
  });

  it('cannot start twice, nor get a round or be closed before it starts, nor start after its end date', () => {
    expect(transitionProblem({ ...draft, status: 'active' }, 'start', '2026-02-01')?.code).toBe('SCREENING_NOT_ALLOWED_NOW');
    expect(transitionProblem(draft, 'newRound', '2026-02-01')?.code).toBe('SCREENING_NOT_ALLOWED_NOW');
    expect(transitionProblem(draft, 'close', '2026-02-01')?.code).toBe('SCREENING_NOT_ALLOWED_NOW');
    expect(transitionProblem(draft, 'start', '2026-02-21')?.code).toBe('SCREENING_DATES');
    expect(transitionProblem({ ...draft, status: 'closed' }, 'close', '2026-02-01')?.code).toBe('SCREENING_NOT_ALLOWED_NOW');
  });

  it('keeps its questions and places once running, and takes no change once closed', () => {
    expect(updateProblem(draft, { questions: true, places: true })).toBeNull();
    expect(updateProblem({ ...draft, status: 'active' }, { questions: false, places: false })).toBeNull();
    expect(updateProblem({ ...draft, status: 'active' }, { questions: true, places: false })?.code).toBe('SCREENING_QUESTIONS_LOCKED');
    expect(updateProblem({ ...draft, status: 'closed' }, { questions: false, places: false })?.code).toBe('SCREENING_NOT_ALLOWED_NOW');
  });

  it('takes visits only while running', () => {
    expect(visitProblem({ status: 'active' })).toBeNull();
    expect(visitProblem({ status: 'draft' })?.code).toBe('SCREENING_CAMPAIGN_NOT_ACTIVE');
    expect(visitProblem({ status: 'closed' })?.code).toBe('SCREENING_CAMPAIGN_NOT_ACTIVE');
  });
});
