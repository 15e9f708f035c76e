import {
  CalendarFeed,
  CalendarFeedQuery,
  CallUpClose,
  CallUpCreate,
  CallUpPage,
  CallUpQuery,
  CallUpRespond,
  CallUpView,
  ClaimAssign,
  ClaimCancel,
  ClaimCancelled,
  ClaimCreate,
  ClaimPage,
  ClaimView,
  DutyScan,
  DutySettingsSave,
  DutySettingsView,
  DutyTable,
  DutyTableQuery,
  DutyTeamCreate,
  DutyTeamMemberAdd,
  DutyTeamMemberParams,
  DutyTeamPosts,
  DutyTeamPage,
  DutyTeamQuery,
  DutyTeamUpdate,
  DutyTeamView,
  IdParams,
  MemberDecision,
  MemberPage,
  MemberQuery,
  MemberRegister,
  MemberReject,
  MemberReport,
  MemberView,
  MyClaimsQuery,
  MyDuty,
  PostCreate,
  PostPage,
  PostQr,
  PostQuery,
  PostUpdate,
  PostView,
  RosterBuilding,
  RosterCoverage,
  RosterQuery,
  RosterSave,
  ShiftCreate,
  ShiftDetail,
  ShiftGenerate,
  ShiftGenerated,
  ShiftPage,
  ShiftQuery,
  ShiftView,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { systemActor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as callUps from './duty-callups.service.js';
import * as claims from './duty-claims.service.js';
import * as members from './duty-members.service.js';
import * as my from './duty-my.service.js';
import * as posts from './duty-posts.service.js';
import * as teams from './duty-teams.service.js';
import { listDutySettings, saveDutySettings } from './duty.settings.js';

/** Duty (党员报到、岗位认领、社区吹哨、“2+1”): see docs/api.md, "Duty". Members act as residents (`/duty/my/...`). */
export function dutyRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['duty'];
    const mine = ['duty (members)'];
    const p = '/duty';

    // The member's own (a resident signed in by phone)
    app.post(
      `${p}/my/report`,
      {
        schema: {
          tags: mine,
          summary: 'Report to my residence community (or update a report not yet confirmed)',
          body: MemberReport,
          response: { 201: MemberView },
        },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await members.reportMyself(ctxOf(platform, req), req.body)),
    );
    app.get(
      `${p}/my`,
      { schema: { tags: mine, summary: 'My report, next shifts and minutes served', response: { 200: MyDuty } }, config: { access: 'resident' } },
      async (req) => my.myDuty(ctxOf(platform, req)),
    );
    app.get(
      `${p}/my/shifts`,
      {
        schema: { tags: mine, summary: 'My claims (upcoming, past, all)', querystring: MyClaimsQuery, response: { 200: ClaimPage } },
        config: { access: 'resident' },
      },
      async (req) => my.myShifts(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/my/open-shifts`,
      {
        schema: { tags: mine, summary: 'Shifts with places open in my community', querystring: ShiftQuery, response: { 200: ShiftPage } },
        config: { access: 'resident' },
      },
      async (req) => my.openShifts(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/my/call-ups`,
      { schema: { tags: mine, summary: 'Call-ups of my community asking for my roles', response: { 200: CallUpPage } }, config: { access: 'resident' } },
      async (req) => my.myCallUps(ctxOf(platform, req)),
    );
    app.post(
      `${p}/my/scan`,
      {
        schema: { tags: mine, summary: "Scan the post's QR code: check in, or out when on duty there", body: DutyScan, response: { 200: ClaimView } },
        config: { access: 'resident' },
      },
      async (req) => my.scanPost(ctxOf(platform, req), req.body.token),
    );
    app.get(
      `${p}/my/calendar`,
      {
        schema: {
          tags: mine,
          summary: 'The secret address of my iCalendar feed (`renew=true`: a new one)',
          querystring: CalendarFeedQuery,
          response: { 200: CalendarFeed },
        },
        config: { access: 'resident' },
      },
      async (req) => my.myCalendarFeed(ctxOf(platform, req), req.query.renew ?? false, `${req.protocol}://${req.host}`),
    );
    app.get(
      `${p}/calendar/:token`,
      {
        schema: { tags: mine, summary: "A member's shifts as iCalendar (the address is the secret)", params: z.object({ token: z.string().min(10).max(120) }) },
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        // A calendar program asks without a session: the secret in the address is the only key.
        const ctx = {
          platform,
          actor: systemActor('duty.calendar'),
          lang: req.lang,
          origin: { ip: req.ip ?? null, channel: 'web' as const, requestId: String(req.id) },
        };
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(await my.calendarFeed(ctx, req.params.token));
      },
    );

    // Members (staff)
    app.post(
      `${p}/members`,
      {
        schema: { tags, summary: 'Register a resident as a reported party member', body: MemberRegister, response: { 201: MemberView } },
        config: { access: 'duty.member.manage' },
      },
      async (req, reply) => reply.code(201).send(await members.registerMember(ctxOf(platform, req), req.body)),
    );
    app.get(
      `${p}/members`,
      {
        schema: {
          tags,
          summary: 'Reported members by community, unit, role and status (contacts masked)',
          querystring: MemberQuery,
          response: { 200: MemberPage },
        },
        config: { access: 'duty.member.read' },
      },
      async (req) => members.listMembers(ctxOf(platform, req), req.query),
    );
    app.get(`${p}/members/:id`, { schema: { tags, params: IdParams, response: { 200: MemberView } }, config: { access: 'duty.member.read' } }, async (req) =>
      members.getMember(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/members/:id/confirm`,
      {
        schema: { tags, summary: "Confirm a member's residence: they may claim", params: IdParams, body: MemberDecision, response: { 200: MemberView } },
        config: { access: 'duty.member.manage' },
      },
      async (req) => members.confirmMember(ctxOf(platform, req), req.params.id, req.body.version),
    );
    app.post(
      `${p}/members/:id/reject`,
      {
        schema: { tags, summary: 'Reject a report (not living here), with a reason', params: IdParams, body: MemberReject, response: { 200: MemberView } },
        config: { access: 'duty.member.manage' },
      },
      async (req) => members.rejectMember(ctxOf(platform, req), req.params.id, req.body.reason, req.body.version),
    );

    // Posts and shifts
    app.post(
      `${p}/posts`,
      { schema: { tags, summary: 'A post at a place, with its role', body: PostCreate, response: { 201: PostView } }, config: { access: 'duty.post.manage' } },
      async (req, reply) => reply.code(201).send(await posts.createPost(ctxOf(platform, req), req.body)),
    );
    app.get(
      `${p}/posts`,
      {
        schema: { tags, summary: 'Posts in my scope, with their next 24 hours', querystring: PostQuery, response: { 200: PostPage } },
        config: { access: 'duty.read' },
      },
      async (req) => posts.listPosts(ctxOf(platform, req), req.query),
    );
    app.get(`${p}/posts/:id`, { schema: { tags, params: IdParams, response: { 200: PostView } }, config: { access: 'duty.read' } }, async (req) =>
      posts.getPost(ctxOf(platform, req), req.params.id),
    );
    app.patch(
      `${p}/posts/:id`,
      {
        schema: {
          tags,
          summary: "Edit a post's name, kind, role, owner or team (the place stays)",
          params: IdParams,
          body: PostUpdate,
          response: { 200: PostView },
        },
        config: { access: 'duty.post.manage' },
      },
      async (req) => posts.updatePost(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      `${p}/posts/:id/qr`,
      {
        schema: { tags, summary: "The post's check-in QR code (a signed token)", params: IdParams, response: { 200: PostQr } },
        config: { access: 'duty.post.manage' },
      },
      async (req) => posts.postQr(ctxOf(platform, req), req.params.id),
    );
    app.get(
      `${p}/posts/:id/table`,
      {
        schema: { tags, summary: "The post's duty table for a week", params: IdParams, querystring: DutyTableQuery, response: { 200: DutyTable } },
        config: { access: 'duty.read' },
      },
      async (req) => posts.dutyTable(ctxOf(platform, req), req.params.id, req.query.from),
    );
    app.post(
      `${p}/posts/:id/shifts`,
      {
        schema: { tags, summary: 'Add a shift to a post', params: IdParams, body: ShiftCreate, response: { 201: ShiftView } },
        config: { access: 'duty.post.manage' },
      },
      async (req, reply) => reply.code(201).send(await posts.addShift(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.post(
      `${p}/posts/:id/shifts/generate`,
      {
        schema: {
          tags,
          summary: '24-hour shifts from a template (3×8 h or 2×12 h) for a date range; `preview`: only count them (200)',
          params: IdParams,
          body: ShiftGenerate,
          response: { 200: ShiftGenerated, 201: ShiftGenerated },
        },
        config: { access: 'duty.post.manage' },
      },
      async (req, reply) => {
        const out = await posts.generateShifts(ctxOf(platform, req), req.params.id, req.body);
        return reply.code(out.preview ? 200 : 201).send(out);
      },
    );
    app.get(
      `${p}/shifts`,
      { schema: { tags, summary: 'Shifts in my scope by start time', querystring: ShiftQuery, response: { 200: ShiftPage } }, config: { access: 'duty.read' } },
      async (req) => posts.listShifts(ctxOf(platform, req), req.query),
    );
    app.get(`${p}/shifts/:id`, { schema: { tags, params: IdParams, response: { 200: ShiftDetail } }, config: { access: 'duty.read' } }, async (req) =>
      posts.getShift(ctxOf(platform, req), req.params.id),
    );

    // Claims
    app.post(
      `${p}/shifts/:id/claim`,
      {
        schema: { tags: mine, summary: 'Claim a place on a shift (or its waiting list)', params: IdParams, body: ClaimCreate, response: { 201: ClaimView } },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await claims.claimShift(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.post(
      `${p}/shifts/:id/assign`,
      {
        schema: { tags, summary: 'Put a confirmed member on a shift', params: IdParams, body: ClaimAssign, response: { 201: ClaimView } },
        config: { access: 'duty.post.manage' },
      },
      async (req, reply) => reply.code(201).send(await claims.assignShift(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.post(
      `${p}/claims/:id/cancel`,
      {
        schema: {
          tags,
          summary: 'Cancel a claim in my scope (the first waiting member is promoted)',
          params: IdParams,
          body: ClaimCancel,
          response: { 200: ClaimCancelled },
        },
        config: { access: 'duty.post.manage' },
      },
      async (req) => claims.cancelClaim(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/my/claims/:id/cancel`,
      {
        schema: {
          tags: mine,
          summary: 'Cancel my claim (the first waiting member is promoted)',
          params: IdParams,
          body: ClaimCancel,
          response: { 200: ClaimCancelled },
        },
        config: { access: 'resident' },
      },
      async (req) => claims.cancelClaim(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/claims/:id/check-in`,
      {
        schema: { tags, summary: 'The leader confirms a member is on duty', params: IdParams, body: z.object({}), response: { 200: ClaimView } },
        config: { access: 'duty.checkIn.confirm' },
      },
      async (req) => claims.confirmCheckIn(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/claims/:id/check-out`,
      {
        schema: { tags, summary: 'Check a member out (served minutes computed)', params: IdParams, body: z.object({}), response: { 200: ClaimView } },
        config: { access: 'duty.checkIn.confirm' },
      },
      async (req) => claims.confirmCheckOut(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/claims/:id/no-show`,
      {
        schema: { tags, summary: 'Record that a member never came (after the start)', params: IdParams, body: z.object({}), response: { 200: ClaimView } },
        config: { access: 'duty.checkIn.confirm' },
      },
      async (req) => claims.recordNoShow(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/my/claims/:id/check-out`,
      {
        schema: { tags: mine, summary: 'Check out of my shift (served minutes computed)', params: IdParams, body: z.object({}), response: { 200: ClaimView } },
        config: { access: 'resident' },
      },
      async (req) => claims.confirmCheckOut(ctxOf(platform, req), req.params.id),
    );

    // Call-ups
    app.post(
      `${p}/call-ups`,
      {
        schema: { tags, summary: 'Blow the whistle: N people for these posts by a deadline', body: CallUpCreate, response: { 201: CallUpView } },
        config: { access: 'duty.callUp' },
      },
      async (req, reply) => reply.code(201).send(await callUps.createCallUp(ctxOf(platform, req), req.body)),
    );
    app.get(
      `${p}/call-ups`,
      { schema: { tags, summary: 'Call-ups in my scope', querystring: CallUpQuery, response: { 200: CallUpPage } }, config: { access: 'duty.read' } },
      async (req) => callUps.listCallUps(ctxOf(platform, req), req.query),
    );
    app.get(`${p}/call-ups/:id`, { schema: { tags, params: IdParams, response: { 200: CallUpView } }, config: { access: 'duty.read' } }, async (req) =>
      callUps.getCallUp(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/call-ups/:id/respond`,
      {
        schema: { tags: mine, summary: 'Answer a call-up: a place, or the waiting list', params: IdParams, body: CallUpRespond, response: { 201: ClaimView } },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await claims.respondToCallUp(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.post(
      `${p}/call-ups/:id/close`,
      { schema: { tags, summary: 'Close a call-up', params: IdParams, body: CallUpClose, response: { 200: CallUpView } }, config: { access: 'duty.callUp' } },
      async (req) => callUps.closeCallUp(ctxOf(platform, req), req.params.id, req.body.reason ?? null),
    );

    // Teams
    app.post(
      `${p}/teams`,
      {
        schema: { tags, summary: 'A work team sent to a community', body: DutyTeamCreate, response: { 201: DutyTeamView } },
        config: { access: 'duty.team.manage' },
      },
      async (req, reply) => reply.code(201).send(await teams.createTeam(ctxOf(platform, req), req.body)),
    );
    app.get(
      `${p}/teams`,
      {
        schema: { tags, summary: 'Teams with their members and hours', querystring: DutyTeamQuery, response: { 200: DutyTeamPage } },
        config: { access: 'duty.read' },
      },
      async (req) => teams.listTeams(ctxOf(platform, req), req.query),
    );
    app.get(`${p}/teams/:id`, { schema: { tags, params: IdParams, response: { 200: DutyTeamView } }, config: { access: 'duty.read' } }, async (req) =>
      teams.getTeam(ctxOf(platform, req), req.params.id),
    );
    app.patch(
      `${p}/teams/:id`,
      {
        schema: { tags, summary: "Edit a team's name, unit, party branch or leader", params: IdParams, body: DutyTeamUpdate, response: { 200: DutyTeamView } },
        config: { access: 'duty.team.manage' },
      },
      async (req) => teams.updateTeam(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/teams/:id/posts`,
      {
        schema: { tags, summary: 'The team takes a block of posts of its community', params: IdParams, body: DutyTeamPosts, response: { 200: DutyTeamView } },
        config: { access: 'duty.team.manage' },
      },
      async (req) => teams.assignTeamPosts(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/teams/:id/members`,
      { schema: { tags, params: IdParams, body: DutyTeamMemberAdd, response: { 201: DutyTeamView } }, config: { access: 'duty.team.manage' } },
      async (req, reply) => reply.code(201).send(await teams.addTeamMember(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.delete(
      `${p}/teams/:id/members/:memberId`,
      { schema: { tags, params: DutyTeamMemberParams, response: { 200: DutyTeamView } }, config: { access: 'duty.team.manage' } },
      async (req) => teams.removeTeamMember(ctxOf(platform, req), req.params.id, req.params.memberId),
    );

    // The "2+1" roster
    app.get(
      `${p}/roster`,
      {
        schema: { tags, summary: 'The 2+1 coverage: buildings and which of the three they lack', querystring: RosterQuery, response: { 200: RosterCoverage } },
        config: { access: 'duty.read' },
      },
      async (req) => teams.rosterCoverage(ctxOf(platform, req), req.query),
    );
    app.put(
      `${p}/roster/:id`,
      {
        schema: { tags, summary: "Set a building's cadre and party member from a day", params: IdParams, body: RosterSave, response: { 200: RosterBuilding } },
        config: { access: 'duty.roster.manage' },
      },
      async (req) => teams.saveRoster(ctxOf(platform, req), req.params.id, req.body),
    );

    // Settings
    app.get(
      `${p}/settings`,
      {
        schema: { tags, summary: 'Duty rules of each community in my scope', response: { 200: z.object({ items: z.array(DutySettingsView) }) } },
        config: { access: 'duty.settings' },
      },
      async (req) => listDutySettings(ctxOf(platform, req)),
    );
    app.put(
      `${p}/settings/:id`,
      {
        schema: {
          tags,
          summary: "Set a community's rest rule, cancellation notice, check-in window",
          params: IdParams,
          body: DutySettingsSave,
          response: { 200: DutySettingsView },
        },
        config: { access: 'duty.settings' },
      },
      async (req) => saveDutySettings(ctxOf(platform, req), req.params.id, req.body),
    );
  };
}
