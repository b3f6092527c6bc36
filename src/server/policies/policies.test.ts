import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../auth/actor.ts';
import type { GroupRole } from '../../core/vocabulary.ts';
import { isAdministrator, requireAdmin } from './admin.ts';
import { attendanceAbilities, canReplyFor, isOwnOrganisation } from './meeting.ts';
import { referenceAbilities } from './reference.ts';
import { administersParty, canAddUserTo, canDecideClearance, canMakeAdministrator, canSetRoleFor, clearanceRaiseNeedsApproval, userAbilities } from './user.ts';
import { canMarkAt } from './visibility.ts';
import { canChangeGroupSettings, canCreateWorkingGroup, isChair, workingGroupAbilities } from './working-group.ts';

const WG = 'wg-1';
const actor = (over: Partial<Actor> = {}, role?: GroupRole): Actor => ({
  userId: 'u-1',
  email: 'a@mofa.example',
  displayName: 'A',
  orgId: 'org-mofa',
  partyId: 'kr',
  clearance: 1,
  isAdmin: false,
  locale: 'en',
  roles: role ? { [WG]: role } : {},
  ...over,
});
const admin = actor({ userId: 'u-admin', isAdmin: true });

test('one administrator guard: 403 for everyone else, naming what was asked', () => {
  assert.equal(isAdministrator(admin), true);
  assert.equal(isAdministrator(actor({}, 'chair')), false);
  assert.doesNotThrow(() => requireAdmin(admin, 'list users'));
  assert.throws(
    () => requireAdmin(actor({}, 'chair'), 'list users'),
    (e: any) => e.code === 'forbidden' && /system administrator may list users/.test(e.message),
  );
  assert.deepEqual(referenceAbilities(admin), { update: true });
  assert.deepEqual(referenceAbilities(actor({}, 'chair')), { update: false });
  assert.equal(canCreateWorkingGroup(admin), true);
  assert.equal(canCreateWorkingGroup(actor({}, 'chair')), true, "a group's chair or secretariat speaks for their party");
  assert.equal(canCreateWorkingGroup(actor({}, 'secretariat')), true);
  assert.equal(canCreateWorkingGroup(actor({}, 'member')), false);
  assert.equal(canCreateWorkingGroup(actor()), false);
});

test("a group's settings (label scale, discipline rules): its chair and secretariat, not members, observers or administrators", () => {
  assert.equal(canChangeGroupSettings(actor({}, 'chair'), WG), true);
  assert.equal(canChangeGroupSettings(actor({}, 'secretariat'), WG), true);
  assert.equal(canChangeGroupSettings(actor({}, 'member'), WG), false);
  assert.equal(canChangeGroupSettings(actor({}, 'observer'), WG), false);
  assert.equal(canChangeGroupSettings(admin, WG), false, "being an administrator grants no say in a group's record");
  assert.equal(canChangeGroupSettings(actor({}, 'chair'), 'wg-other'), false, 'a role is per group');
  const wg = { id: WG, owner_org_id: 'org-mofa' };
  assert.equal(workingGroupAbilities(actor({}, 'secretariat'), wg).changeSettings, true);
  assert.equal(workingGroupAbilities(admin, wg).changeSettings, false);
  assert.equal(workingGroupAbilities(admin, wg).update, true, 'administrators still run a group they founded (mandate, members, roles)');
});

test('working group abilities: addArticle for contributors, manageRoles for the chair, the secretariat or an administrator', () => {
  const wg = { id: WG, owner_org_id: 'org-other' };
  assert.equal(workingGroupAbilities(actor({}, 'member'), wg).addArticle, true);
  assert.equal(workingGroupAbilities(actor({}, 'observer'), wg).addArticle, false);
  assert.equal(workingGroupAbilities(actor(), wg).addArticle, false);
  assert.equal(workingGroupAbilities(actor({}, 'chair'), wg).manageRoles, true);
  assert.equal(workingGroupAbilities(actor({}, 'secretariat'), wg).manageRoles, true);
  assert.equal(workingGroupAbilities(actor({}, 'member'), wg).manageRoles, false);
  assert.equal(isChair(actor({}, 'chair'), WG), true);
  assert.equal(isChair(actor({}, 'secretariat'), WG), false);
  // What the web app offers to create comes from the resources' own policies.
  const sec = workingGroupAbilities(actor({}, 'secretariat'), wg);
  assert.deepEqual([sec.createIssue, sec.createDocument, sec.createCommitment, sec.proposeProject, sec.createStatement], [true, true, true, true, true]);
  const member = workingGroupAbilities(actor({}, 'member'), wg);
  assert.deepEqual([member.createIssue, member.createDocument, member.createCommitment, member.proposeProject, member.createStatement], [false, false, false, true, true]);
  const observer = workingGroupAbilities(actor({}, 'observer'), wg);
  assert.deepEqual([observer.createDocument, observer.createCommitment, observer.proposeProject, observer.createStatement], [false, false, false, false]);
  assert.equal(workingGroupAbilities(admin, wg).createDocument, false, "an administrator has no say in a group's record");
});

test("a meeting's replies: a member for their own organisation, the chair or secretariat for any; none once cancelled", () => {
  const m = { wg_id: WG, status: 'planned' as const, owner_org_id: 'org-mofa' };
  const member = actor({}, 'member');
  assert.equal(isOwnOrganisation(member, 'org-mofa'), true);
  assert.deepEqual(attendanceAbilities(member, m, { id: 'org-mofa', party_id: 'kr' }), { reply: true });
  assert.deepEqual(attendanceAbilities(member, m, { id: 'org-state', party_id: 'us' }), { reply: false });
  assert.equal(canReplyFor(actor({}, 'observer'), m, { id: 'org-mofa', party_id: 'kr' }), false, 'observers read');
  assert.equal(canReplyFor(actor(), m, { id: 'org-mofa', party_id: 'kr' }), false, 'no role, no reply');
  assert.equal(canReplyFor(actor({}, 'secretariat'), m, { id: 'org-mou', party_id: 'kr' }), true, "the secretariat records a reply for its own government's ministries");
  assert.equal(canReplyFor(actor({}, 'secretariat'), m, { id: 'org-state', party_id: 'us' }), false, "never another government's");
  assert.equal(canReplyFor(admin, m, { id: 'org-mofa', party_id: 'kr' }), false, 'an administrator without a role does not reply');
  const cancelled = { ...m, status: 'cancelled' as const };
  assert.equal(canReplyFor(member, cancelled, { id: 'org-mofa', party_id: 'kr' }), false);
  assert.equal(canReplyFor(actor({}, 'chair'), cancelled, { id: 'org-state', party_id: 'us' }), false);
});

test('users: administration by party; nobody changes their own clearance or disables their own account', () => {
  const kr = { id: 'u-2', party_id: 'kr' };
  assert.equal(administersParty(admin, 'kr'), true);
  assert.equal(administersParty(admin, 'us'), false);
  assert.equal(administersParty(actor(), 'kr'), false);
  assert.deepEqual(userAbilities(admin, kr), { update: true, changeClearance: true, disable: true, resetPassword: true });
  assert.deepEqual(userAbilities(admin, { id: admin.userId, party_id: 'kr' }), { update: true, changeClearance: false, disable: false, resetPassword: false });
  assert.deepEqual(userAbilities(admin, { id: 'u-3', party_id: 'us' }), { update: false, changeClearance: false, disable: false, resetPassword: false });
  assert.deepEqual(userAbilities(actor({}, 'chair'), kr), { update: false, changeClearance: false, disable: false, resetPassword: false });
});

test('users: adding, administrators and clearance raises — the API versus the command line', () => {
  assert.equal(canAddUserTo(admin, 'kr'), true);
  assert.equal(canAddUserTo(admin, 'us'), false);
  assert.equal(canAddUserTo(actor(), 'kr'), false);
  assert.equal(canAddUserTo(null, 'us'), true, "the server's holder, from the command line");
  assert.equal(canMakeAdministrator(admin), false, 'administrators are not made through the API');
  assert.equal(canMakeAdministrator(null), true);
  assert.equal(clearanceRaiseNeedsApproval(admin), true);
  assert.equal(clearanceRaiseNeedsApproval(null), false);
});

test('users: a clearance raise is decided by a second administrator of the party, neither the asker nor the user', () => {
  const r = { user_id: 'u-2', requested_by: 'u-other-admin', party_id: 'kr' };
  assert.equal(canDecideClearance(admin, r), true);
  assert.equal(canDecideClearance(admin, { ...r, requested_by: admin.userId }), false);
  assert.equal(canDecideClearance(admin, { ...r, user_id: admin.userId }), false);
  assert.equal(canDecideClearance(admin, { ...r, party_id: 'us' }), false);
  assert.equal(canDecideClearance(actor(), r), false);
});

test("users: roles in a group are set by its chair or secretariat for their own party's users, by an administrator for their own party's users", () => {
  assert.equal(canSetRoleFor(actor({ partyId: 'us' }, 'chair'), WG, { party_id: 'kr' }), false, "another party's roles are its own secretariat's to set");
  assert.equal(canSetRoleFor(actor({ partyId: 'us' }, 'chair'), WG, { party_id: 'us' }), true);
  assert.equal(canSetRoleFor(admin, WG, { party_id: 'kr' }), true);
  assert.equal(canSetRoleFor(admin, WG, { party_id: 'us' }), false);
  assert.equal(canSetRoleFor(actor({}, 'secretariat'), WG, { party_id: 'kr' }), true);
  assert.equal(canSetRoleFor(actor({}, 'member'), WG, { party_id: 'kr' }), false);
});

test("marking: not above the actor's own clearance", () => {
  assert.equal(canMarkAt({ clearance: 1 }, 0), true);
  assert.equal(canMarkAt({ clearance: 1 }, 1), true);
  assert.equal(canMarkAt({ clearance: 1 }, 2), false);
});

test('joint decisions: who speaks for a party, which changes need the other parties, who decides a proposal', async () => {
  const { speaksForParty, partiesChangeNeedsApproval, memberChangeNeedsApproval, canDecideProposal, canWithdrawProposal, invitationOpensAtOnce } = await import('./proposal.ts');
  const { canSeeProposal } = await import('./visibility.ts');
  assert.equal(speaksForParty(actor({}, 'secretariat')), true);
  assert.equal(speaksForParty(actor({}, 'member')), false);
  assert.equal(speaksForParty(admin), true);
  assert.equal(partiesChangeNeedsApproval(['kr', 'us'], ['kr']), true, 'removing a party from a group of two');
  assert.equal(partiesChangeNeedsApproval(['kr'], ['kr', 'us']), true, 'a party coming in agrees to join');
  assert.equal(partiesChangeNeedsApproval(['kr'], ['kr']), false);
  assert.equal(memberChangeNeedsApproval(actor(), ['kr', 'us'], 'us'), true, "another party's organisation");
  assert.equal(memberChangeNeedsApproval(actor(), ['kr', 'us'], 'kr'), false, 'its own organisation');
  assert.equal(memberChangeNeedsApproval(actor(), ['kr'], 'kr'), false);
  assert.equal(invitationOpensAtOnce(actor(), ['kr', 'un'], 'un'), true);
  assert.equal(invitationOpensAtOnce(actor(), ['kr', 'us', 'un'], 'un'), false);
  const p = {
    wg_id: WG,
    kind: 'member' as const,
    status: 'open' as const,
    invited_party_id: null,
    invitation_open: 0,
    proposed_by: 'u-us',
    owner_party_id: 'us',
    requiredPartyIds: ['kr', 'us'],
    approvedPartyIds: ['us'],
  };
  assert.equal(canDecideProposal(actor({}, 'secretariat'), p), true);
  assert.equal(canDecideProposal(actor({}, 'member'), p), false);
  assert.equal(canDecideProposal(actor({ partyId: 'us' }, 'chair'), p), false, 'a party approves once');
  assert.equal(canDecideProposal(actor({}, 'chair'), { ...p, status: 'declined' }), false);
  assert.equal(canDecideProposal(admin, p), false, 'an administrator has no say in a group it holds no role in');
  assert.equal(canDecideProposal(admin, { ...p, kind: 'found' }), true, 'but speaks for its party in founding one');
  const invite = { ...p, kind: 'parties' as const, invited_party_id: 'un', requiredPartyIds: ['kr', 'us', 'un'] };
  const un = actor({ partyId: 'un', roles: { other: 'chair' } });
  assert.equal(canDecideProposal(un, invite), false, 'the invited party waits for the parties in the group');
  assert.equal(canDecideProposal(un, { ...invite, invitation_open: 1, approvedPartyIds: ['kr', 'us'] }), true);
  assert.equal(canWithdrawProposal(actor({ userId: 'u-us', partyId: 'us' }), p), true);
  assert.equal(canWithdrawProposal(actor({}, 'chair'), p), false, "another party's proposal");
  const guard = { owner_org_id: 'org-state', owner_party_id: 'us', scope: 'group' as const, classification: 0, wg_id: WG };
  assert.equal(canSeeProposal(un, new Set(), { ...guard, invited_party_id: 'un', invitation_open: 0 }), false);
  assert.equal(canSeeProposal(un, new Set(), { ...guard, invited_party_id: 'un', invitation_open: 1 }), true);
  assert.equal(canSeeProposal(un, new Set(), { ...guard, invited_party_id: 'un', invitation_open: 1, classification: 2 }), false);
  assert.equal(canSeeProposal(actor(), new Set([WG]), { ...guard, invited_party_id: null, invitation_open: 0 }), true);
});
