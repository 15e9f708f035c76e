import {
  ActivityCreate,
  ActivityDetail,
  ActivityPage,
  ActivityQr,
  ActivityQuery,
  ActivityScan,
  ActivityView,
  AwardPage,
  AwardPropose,
  AwardRuleSave,
  AwardRuleView,
  AwardView,
  BankAccountPage,
  BankAccountQuery,
  BankDelegateAdd,
  BankFund,
  BankGrant,
  BankPostingView,
  BankReverse,
  BankStatement,
  BankStatementQuery,
  BankTransfer,
  DispatchAnswer,
  DispatchClose,
  DispatchCreate,
  DispatchPage,
  DispatchQuery,
  DispatchView,
  HoursDecision,
  HoursEntryView,
  HoursPage,
  HoursQuery,
  HoursReverse,
  HoursStatement,
  IdParams,
  MyBank,
  MyVolunteer,
  NeedCancel,
  NeedConfirm,
  NeedDone,
  NeedHandOver,
  NeedNoShow,
  NeedPage,
  NeedPublish,
  NeedPublishOnBehalf,
  NeedQuery,
  NeedRate,
  NeedView,
  OpenNeedQuery,
  PageQuery,
  PairingCreate,
  PairingPage,
  PairingQuery,
  PairingView,
  ProgrammeCreate,
  ProgrammePage,
  ProgrammeView,
  SignupCreate,
  SignupView,
  StatementQuery,
  VolTeamCreate,
  VolTeamMemberAdd,
  VolTeamPage,
  VolTeamQuery,
  VolTeamView,
  VolunteerCard,
  VolunteerJoin,
  VolunteerPage,
  VolunteerQuery,
  VolunteerRegister,
  VolunteerView,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as activities from './volunteers-activities.service.js';
import * as bankService from './volunteers-bank.service.js';
import * as dispatch from './volunteers-dispatch.service.js';
import * as hours from './volunteers-hours.service.js';
import * as my from './volunteers-my.service.js';
import * as needs from './volunteers-needs.service.js';
import * as people from './volunteers-people.service.js';
import * as recognition from './volunteers-recognition.service.js';

/**
 * Volunteers and the love bank (志愿服务、爱心银行). Volunteers and residents act for themselves under
 * `/volunteers/my/...` and on needs and activities (a resident signed in by phone, or a staff account
 * registered as a volunteer); staff run the rest in their scope.
 */
export function volunteersRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['volunteers'];
    const mine = ['volunteers (volunteers and residents)'];
    const bankTags = ['volunteers (love bank)'];
    const p = '/volunteers';
    const ctx = (req: Parameters<typeof ctxOf>[1]) => ctxOf(platform, req);

    // ------------------------------------------------------------------ the volunteer's and resident's own
    app.get(
      `${p}/my`,
      { schema: { tags: mine, summary: 'Me as a volunteer: minutes, balance, tasks, activities', response: { 200: MyVolunteer } }, config: { access: 'user' } },
      async (req) => my.myVolunteer(ctx(req)),
    );
    app.post(
      `${p}/my/join`,
      {
        schema: {
          tags: mine,
          summary: 'Join as a volunteer of my community (a reported party member with one click: `fromDuty`)',
          body: VolunteerJoin,
          response: { 201: VolunteerView },
        },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await people.joinAsVolunteer(ctx(req), req.body)),
    );
    app.get(
      `${p}/my/card`,
      { schema: { tags: mine, summary: 'My printable volunteer card with its QR code', response: { 200: VolunteerCard } }, config: { access: 'user' } },
      async (req) => people.myCard(ctx(req)),
    );
    app.get(
      `${p}/my/open-needs`,
      {
        schema: { tags: mine, summary: 'Open needs in my area, soonest first', querystring: OpenNeedQuery, response: { 200: NeedPage } },
        config: { access: 'user' },
      },
      async (req) => needs.openNeedsForMe(ctx(req), req.query),
    );
    app.get(
      `${p}/my/hours`,
      { schema: { tags: mine, summary: 'My hours ledger', querystring: PageQuery, response: { 200: HoursPage } }, config: { access: 'user' } },
      async (req) => hours.myEntries(ctx(req), (await people.meAsVolunteer(ctx(req))).id, req.query),
    );
    app.get(
      `${p}/my/activities`,
      {
        schema: { tags: mine, summary: 'Activities of my community from today, with my sign-up', querystring: PageQuery, response: { 200: ActivityPage } },
        config: { access: 'user' },
      },
      async (req) => activities.myActivities(ctx(req), req.query),
    );
    app.get(
      `${p}/my/awards`,
      { schema: { tags: mine, summary: 'My awards (certificates)', response: { 200: z.array(AwardView) } }, config: { access: 'user' } },
      async (req) => recognition.myAwards(ctx(req), (await people.meAsVolunteer(ctx(req))).id),
    );
    app.post(
      `${p}/my/scan`,
      {
        schema: { tags: mine, summary: "Scan an activity's QR code: check in, or out when checked in", body: ActivityScan, response: { 200: SignupView } },
        config: { access: 'user' },
      },
      async (req) => activities.scanActivity(ctx(req), req.body.token),
    );
    app.post(
      `${p}/my/needs`,
      {
        schema: { tags: mine, summary: 'Publish a need (optionally paid with love-bank minutes: a hold)', body: NeedPublish, response: { 201: NeedView } },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await needs.publishMyNeed(ctx(req), req.body)),
    );
    app.get(
      `${p}/my/needs`,
      { schema: { tags: mine, summary: 'The needs I published', querystring: PageQuery, response: { 200: NeedPage } }, config: { access: 'resident' } },
      async (req) => needs.myNeeds(ctx(req), req.query),
    );
    app.get(
      `${p}/my/bank`,
      {
        schema: { tags: bankTags, summary: 'My love bank: account, holds, accounts I may spend for', response: { 200: MyBank } },
        config: { access: 'resident' },
      },
      async (req) => bankService.myBank(ctx(req)),
    );
    app.get(
      `${p}/my/bank/statement`,
      {
        schema: { tags: bankTags, summary: 'My yearly statement', querystring: BankStatementQuery, response: { 200: BankStatement } },
        config: { access: 'resident' },
      },
      async (req) => bankService.myStatement(ctx(req), req.query.year),
    );
    app.post(
      `${p}/my/bank/delegates`,
      {
        schema: { tags: bankTags, summary: 'Name a family member (same household) who may spend my minutes', body: BankDelegateAdd, response: { 200: MyBank } },
        config: { access: 'resident' },
      },
      async (req) => bankService.addDelegate(ctx(req), req.body.residentId),
    );
    app.post(
      `${p}/my/bank/transfers`,
      {
        schema: { tags: bankTags, summary: 'Transfer minutes to a family member (same household)', body: BankTransfer, response: { 200: MyBank } },
        config: { access: 'resident' },
      },
      async (req) => bankService.transferToFamily(ctx(req), req.body),
    );

    // ------------------------------------------------------------------ volunteers and teams (staff)
    app.get(
      `${p}/people`,
      { schema: { tags, querystring: VolunteerQuery, response: { 200: VolunteerPage } }, config: { access: 'volunteers.read' } },
      async (req) => people.listVolunteers(ctx(req), req.query),
    );
    app.post(
      `${p}/people`,
      {
        schema: {
          tags,
          summary: 'Register a volunteer (a resident, a staff account, or someone from a unit outside)',
          body: VolunteerRegister,
          response: { 201: VolunteerView },
        },
        config: { access: 'volunteers.manage' },
      },
      async (req, reply) => reply.code(201).send(await people.registerVolunteer(ctx(req), req.body)),
    );
    app.get(`${p}/people/:id`, { schema: { tags, params: IdParams, response: { 200: VolunteerView } }, config: { access: 'volunteers.read' } }, async (req) =>
      people.getVolunteer(ctx(req), req.params.id),
    );
    app.get(`${p}/teams`, { schema: { tags, querystring: VolTeamQuery, response: { 200: VolTeamPage } }, config: { access: 'volunteers.read' } }, async (req) =>
      people.listTeams(ctx(req), req.query),
    );
    app.post(
      `${p}/teams`,
      { schema: { tags, body: VolTeamCreate, response: { 201: VolTeamView } }, config: { access: 'volunteers.manage' } },
      async (req, reply) => reply.code(201).send(await people.createTeam(ctx(req), req.body)),
    );
    app.post(
      `${p}/teams/:id/members`,
      { schema: { tags, params: IdParams, body: VolTeamMemberAdd, response: { 200: VolTeamView } }, config: { access: 'volunteers.manage' } },
      async (req) => people.addTeamMember(ctx(req), req.params.id, req.body),
    );

    // ------------------------------------------------------------------ needs
    app.get(
      `${p}/needs`,
      {
        schema: { tags, summary: 'The needs board (live on the `volunteers` topic)', querystring: NeedQuery, response: { 200: NeedPage } },
        config: { access: 'volunteers.read' },
      },
      async (req) => needs.needsBoard(ctx(req), req.query),
    );
    app.post(
      `${p}/needs`,
      {
        schema: { tags, summary: 'Publish a need on behalf of a resident without a phone', body: NeedPublishOnBehalf, response: { 201: NeedView } },
        config: { access: 'volunteers.need.manage' },
      },
      async (req, reply) => reply.code(201).send(await needs.publishOnBehalf(ctx(req), req.body)),
    );
    app.get(`${p}/needs/:id`, { schema: { tags, params: IdParams, response: { 200: NeedView } }, config: { access: 'user' } }, async (req) =>
      needs.getNeed(ctx(req), req.params.id),
    );
    app.post(
      `${p}/needs/:id/take`,
      {
        schema: { tags: mine, summary: 'Take a need (one place; 409 VOL_NEED_TAKEN when none is left)', params: IdParams, response: { 200: NeedView } },
        config: { access: 'user' },
      },
      async (req) => needs.takeNeed(ctx(req), req.params.id),
    );
    app.post(
      `${p}/needs/:id/done`,
      {
        schema: { tags: mine, summary: 'Mark a need I took as served, with the minutes', params: IdParams, body: NeedDone, response: { 200: NeedView } },
        config: { access: 'user' },
      },
      async (req) => needs.markDone(ctx(req), req.params.id, req.body),
    );
    app.post(
      `${p}/needs/:id/confirm`,
      {
        schema: {
          tags: mine,
          summary: 'Confirm the service (the resident, or staff for them): minutes credited',
          params: IdParams,
          body: NeedConfirm,
          response: { 200: NeedView },
        },
        config: { access: 'user' },
      },
      async (req) => needs.confirmNeed(ctx(req), req.params.id, req.body.version),
    );
    app.post(
      `${p}/needs/:id/rate`,
      {
        schema: { tags: mine, summary: 'Rate: the resident a taker, a taker the visit', params: IdParams, body: NeedRate, response: { 200: NeedView } },
        config: { access: 'user' },
      },
      async (req) => needs.rateNeed(ctx(req), req.params.id, req.body),
    );
    app.post(
      `${p}/needs/:id/cancel`,
      {
        schema: {
          tags: mine,
          summary: 'Cancel a need not yet served (the resident or staff)',
          params: IdParams,
          body: NeedCancel,
          response: { 200: NeedView },
        },
        config: { access: 'user' },
      },
      async (req) => needs.cancelNeed(ctx(req), req.params.id, req.body.reason),
    );
    app.post(
      `${p}/needs/:id/hand-over`,
      {
        schema: {
          tags: mine,
          summary: 'Hand a need I took to another volunteer, or give it back',
          params: IdParams,
          body: NeedHandOver,
          response: { 200: NeedView },
        },
        config: { access: 'user' },
      },
      async (req) => needs.handOverNeed(ctx(req), req.params.id, req.body),
    );
    app.post(
      `${p}/needs/:id/no-show`,
      {
        schema: { tags, summary: 'A taker never came: their place opens again', params: IdParams, body: NeedNoShow, response: { 200: NeedView } },
        config: { access: 'volunteers.need.manage' },
      },
      async (req) => needs.markNoShow(ctx(req), req.params.id, req.body.volunteerId),
    );

    // ------------------------------------------------------------------ activities and programmes
    app.get(
      `${p}/activities`,
      { schema: { tags, querystring: ActivityQuery, response: { 200: ActivityPage } }, config: { access: 'volunteers.read' } },
      async (req) => activities.listActivities(ctx(req), req.query),
    );
    app.post(
      `${p}/activities`,
      { schema: { tags, body: ActivityCreate, response: { 201: ActivityView } }, config: { access: 'volunteers.manage' } },
      async (req, reply) => reply.code(201).send(await activities.createActivity(ctx(req), req.body)),
    );
    app.get(
      `${p}/activities/:id`,
      { schema: { tags, params: IdParams, response: { 200: ActivityDetail } }, config: { access: 'volunteers.read' } },
      async (req) => activities.getActivity(ctx(req), req.params.id),
    );
    app.get(
      `${p}/activities/:id/qr`,
      {
        schema: { tags, summary: "The activity's check-in QR code (shown at the venue)", params: IdParams, response: { 200: ActivityQr } },
        config: { access: 'volunteers.manage' },
      },
      async (req) => activities.activityQr(ctx(req), req.params.id),
    );
    app.post(
      `${p}/activities/:id/confirm`,
      {
        schema: { tags, summary: 'Confirm the minutes attended (the organiser)', params: IdParams, response: { 200: ActivityView } },
        config: { access: 'volunteers.hours.verify' },
      },
      async (req) => activities.confirmActivity(ctx(req), req.params.id),
    );
    app.post(
      `${p}/activities/:id/sign-up`,
      {
        schema: { tags: mine, summary: 'Sign up (a place, or the waiting list)', params: IdParams, body: SignupCreate, response: { 200: ActivityView } },
        config: { access: 'user' },
      },
      async (req) => activities.signUp(ctx(req), req.params.id, req.body.waitlist),
    );
    app.post(
      `${p}/signups/:id/cancel`,
      {
        schema: { tags: mine, summary: 'Cancel a sign-up (the first waiting takes the place)', params: IdParams, response: { 200: SignupView } },
        config: { access: 'user' },
      },
      async (req) => activities.cancelSignup(ctx(req), req.params.id),
    );
    app.post(
      `${p}/signups/:id/check-in`,
      {
        schema: { tags, summary: "Check a volunteer in from the organiser's roster", params: IdParams, response: { 200: SignupView } },
        config: { access: 'volunteers.manage' },
      },
      async (req) => activities.rosterCheck(ctx(req), req.params.id, 'in'),
    );
    app.post(
      `${p}/signups/:id/check-out`,
      {
        schema: { tags, summary: "Check a volunteer out from the organiser's roster", params: IdParams, response: { 200: SignupView } },
        config: { access: 'volunteers.manage' },
      },
      async (req) => activities.rosterCheck(ctx(req), req.params.id, 'out'),
    );
    app.get(
      `${p}/programmes`,
      { schema: { tags, querystring: PageQuery, response: { 200: ProgrammePage } }, config: { access: 'volunteers.read' } },
      async (req) => activities.listProgrammes(ctx(req), req.query),
    );
    app.post(
      `${p}/programmes`,
      {
        schema: { tags, summary: 'A programme: themes × areas × periods', body: ProgrammeCreate, response: { 201: ProgrammeView } },
        config: { access: 'volunteers.manage' },
      },
      async (req, reply) => reply.code(201).send(await activities.createProgramme(ctx(req), req.body)),
    );
    app.get(
      `${p}/programmes/:id`,
      {
        schema: { tags, summary: 'What each cell of the programme has held and misses', params: IdParams, response: { 200: ProgrammeView } },
        config: { access: 'volunteers.read' },
      },
      async (req) => activities.getProgramme(ctx(req), req.params.id),
    );

    // ------------------------------------------------------------------ same-day dispatch
    const dispatchReaders = { any: ['volunteers.read', 'volunteers.dispatch.answer'] } as const;
    app.get(
      `${p}/dispatches`,
      { schema: { tags, querystring: DispatchQuery, response: { 200: DispatchPage } }, config: { access: { any: [...dispatchReaders.any] } } },
      async (req) => dispatch.listDispatches(ctx(req), req.query),
    );
    app.post(
      `${p}/dispatches`,
      {
        schema: { tags, summary: 'Ask for N people today, with quotas per unit', body: DispatchCreate, response: { 201: DispatchView } },
        config: { access: 'volunteers.dispatch' },
      },
      async (req, reply) => reply.code(201).send(await dispatch.createDispatch(ctx(req), req.body)),
    );
    app.get(
      `${p}/dispatches/:id`,
      { schema: { tags, params: IdParams, response: { 200: DispatchView } }, config: { access: { any: [...dispatchReaders.any] } } },
      async (req) => dispatch.getDispatch(ctx(req), req.params.id),
    );
    app.post(
      `${p}/dispatches/:id/answer`,
      {
        schema: { tags, summary: "A unit's liaison names people of the unit", params: IdParams, body: DispatchAnswer, response: { 200: DispatchView } },
        config: { access: 'volunteers.dispatch.answer' },
      },
      async (req) => dispatch.answerDispatch(ctx(req), req.params.id, req.body.volunteerIds),
    );
    app.post(
      `${p}/dispatches/:id/close`,
      {
        schema: { tags, summary: 'Close with who came (their minutes are confirmed)', params: IdParams, body: DispatchClose, response: { 200: DispatchView } },
        config: { access: 'volunteers.dispatch' },
      },
      async (req) => dispatch.closeDispatch(ctx(req), req.params.id, req.body.attendedPersonIds),
    );

    // ------------------------------------------------------------------ pairings
    app.get(
      `${p}/pairings`,
      { schema: { tags, querystring: PairingQuery, response: { 200: PairingPage } }, config: { access: 'volunteers.read' } },
      async (req) => recognition.listPairings(ctx(req), req.query),
    );
    app.post(
      `${p}/pairings`,
      { schema: { tags, body: PairingCreate, response: { 201: PairingView } }, config: { access: 'volunteers.manage' } },
      async (req, reply) => reply.code(201).send(await recognition.createPairing(ctx(req), req.body)),
    );
    app.post(
      `${p}/pairings/:id/end`,
      { schema: { tags, params: IdParams, response: { 200: PairingView } }, config: { access: 'volunteers.manage' } },
      async (req) => recognition.endPairing(ctx(req), req.params.id),
    );

    // ------------------------------------------------------------------ the hours ledger
    app.get(`${p}/hours`, { schema: { tags, querystring: HoursQuery, response: { 200: HoursPage } }, config: { access: 'volunteers.read' } }, async (req) =>
      hours.listEntries(ctx(req), req.query),
    );
    app.get(
      `${p}/hours/statement`,
      {
        schema: { tags, summary: 'Confirmed minutes by person, team, unit or month', querystring: StatementQuery, response: { 200: HoursStatement } },
        config: { access: 'volunteers.read' },
      },
      async (req) => hours.hoursStatement(ctx(req), req.query),
    );
    app.post(
      `${p}/hours/:id/decide`,
      {
        schema: {
          tags,
          summary: 'Confirm (or reject) a pending entry: the second person',
          params: IdParams,
          body: HoursDecision,
          response: { 200: HoursEntryView },
        },
        config: { access: 'volunteers.hours.verify' },
      },
      async (req) => hours.decideEntry(ctx(req), req.params.id, req.body),
    );
    app.post(
      `${p}/hours/:id/reverse`,
      {
        schema: { tags, summary: 'Correct a confirmed entry with a reversing one', params: IdParams, body: HoursReverse, response: { 200: HoursEntryView } },
        config: { access: 'volunteers.hours.verify' },
      },
      async (req) => hours.reverseEntry(ctx(req), req.params.id, req.body.reason),
    );

    // ------------------------------------------------------------------ the love bank (staff)
    app.get(
      `${p}/bank/accounts`,
      { schema: { tags: bankTags, querystring: BankAccountQuery, response: { 200: BankAccountPage } }, config: { access: 'volunteers.bank.read' } },
      async (req) => bankService.listAccounts(ctx(req), req.query),
    );
    app.get(
      `${p}/bank/accounts/:id/statement`,
      {
        schema: { tags: bankTags, params: IdParams, querystring: BankStatementQuery, response: { 200: BankStatement } },
        config: { access: 'volunteers.bank.read' },
      },
      async (req) => bankService.accountStatement(ctx(req), req.params.id, req.query.year),
    );
    app.post(
      `${p}/bank/grants`,
      {
        schema: { tags: bankTags, summary: "A grant from the community's pool to an elder", body: BankGrant, response: { 200: BankPostingView } },
        config: { access: 'volunteers.bank.manage' },
      },
      async (req) => bankService.grantFromPool(ctx(req), req.body),
    );
    app.post(
      `${p}/bank/fund`,
      {
        schema: { tags: bankTags, summary: "Fund a community's pool", body: BankFund, response: { 200: BankPostingView } },
        config: { access: 'volunteers.bank.manage' },
      },
      async (req) => bankService.fundPool(ctx(req), req.body),
    );
    app.post(
      `${p}/bank/postings/:id/reverse`,
      {
        schema: {
          tags: bankTags,
          summary: 'Reverse a posting with a new one (never edits or deletes)',
          params: IdParams,
          body: BankReverse,
          response: { 200: BankPostingView },
        },
        config: { access: 'volunteers.bank.manage' },
      },
      async (req) => bankService.reverseBankPosting(ctx(req), req.params.id, req.body.reason),
    );

    // ------------------------------------------------------------------ recognition
    app.get(`${p}/award-rules`, { schema: { tags, response: { 200: z.array(AwardRuleView) } }, config: { access: 'volunteers.read' } }, async (req) =>
      recognition.listAwardRules(ctx(req)),
    );
    app.post(
      `${p}/award-rules`,
      { schema: { tags, body: AwardRuleSave, response: { 201: AwardRuleView } }, config: { access: 'volunteers.award.manage' } },
      async (req, reply) => reply.code(201).send(await recognition.saveAwardRule(ctx(req), req.body)),
    );
    app.post(
      `${p}/award-rules/:id/propose`,
      {
        schema: { tags, summary: 'Propose awards for a period from the ledger', params: IdParams, body: AwardPropose, response: { 200: AwardPage } },
        config: { access: 'volunteers.award.manage' },
      },
      async (req) => recognition.proposeAwards(ctx(req), req.params.id, req.body),
    );
    app.get(`${p}/awards`, { schema: { tags, querystring: PageQuery, response: { 200: AwardPage } }, config: { access: 'volunteers.read' } }, async (req) =>
      recognition.listAwards(ctx(req), req.query),
    );
    app.post(
      `${p}/awards/:id/confirm`,
      { schema: { tags, params: IdParams, response: { 200: AwardView } }, config: { access: 'volunteers.award.manage' } },
      async (req) => recognition.confirmAward(ctx(req), req.params.id),
    );
  };
}
