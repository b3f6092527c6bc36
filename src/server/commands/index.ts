/**
 * The commands the API calls, each wrapped so that it runs on the server's write thread when
 * there is one (`concord serve` on the embedded store) and in the caller's thread otherwise
 * (tests, the CLI, PostgreSQL). Routes import commands from here; a command's own module is
 * where it is written. `commands` maps each name to its function, for the write thread.
 */
import type { ActingContext } from './run.ts';
import * as account from './account.ts';
import * as articles from './articles.ts';
import * as commitments from './commitments.ts';
import * as documents from './documents.ts';
import * as feeds from './feeds.ts';
import * as identities from './identities.ts';
import * as issues from './issues.ts';
import * as meetings from './meetings.ts';
import * as notifications from './notifications.ts';
import * as passkeys from './passkeys.ts';
import * as notificationSettings from './notification-settings.ts';
import * as notifySchedule from '../notify/schedule.ts';
import * as notes from './notes.ts';
import * as positions from './positions.ts';
import * as projects from './projects.ts';
import * as proposals from './proposals.ts';
import * as reference from './reference.ts';
import * as series from './series.ts';
import * as session from './session.ts';
import * as statements from './statements.ts';
import * as users from './users.ts';
import * as workingGroups from './working-groups.ts';
import * as discipline from '../discipline/set-rules.ts';

/**
 * Every command the API may run on the write thread, by name. The thread runs a call by looking
 * its name up here, and the name a call carries is a key of this map (CommandName), so a typo or
 * a command missing from the map fails the typecheck.
 */
export const commands = {
  ingestArticle: articles.ingestArticle,
  updateCandidate: articles.updateCandidate,
  confirmCandidate: articles.confirmCandidate,
  rejectCandidate: articles.rejectCandidate,
  createCommitment: commitments.createCommitment,
  updateCommitment: commitments.updateCommitment,
  reportCommitmentProgress: commitments.reportCommitmentProgress,
  followFeed: feeds.followFeed,
  updateFeed: feeds.updateFeed,
  unfollowFeed: feeds.unfollowFeed,
  createDocument: documents.createDocument,
  updateDocument: documents.updateDocument,
  createDocumentVersion: documents.createDocumentVersion,
  signDocumentVersion: documents.signDocumentVersion,
  createIssue: issues.createIssue,
  updateIssue: issues.updateIssue,
  createMeeting: meetings.createMeeting,
  updateMeeting: meetings.updateMeeting,
  postponeMeeting: meetings.postponeMeeting,
  cancelMeeting: meetings.cancelMeeting,
  markMeetingHeld: meetings.markMeetingHeld,
  setAttendance: meetings.setAttendance,
  addAgendaItem: meetings.addAgendaItem,
  updateAgendaItem: meetings.updateAgendaItem,
  createSeries: series.createSeries,
  updateSeries: series.updateSeries,
  moveOccurrence: series.moveOccurrence,
  cancelOccurrence: series.cancelOccurrence,
  addNote: notes.addNote,
  updateNote: notes.updateNote,
  recordPosition: positions.recordPosition,
  createProject: projects.createProject,
  updateProject: projects.updateProject,
  changeProjectStage: projects.changeProjectStage,
  rescheduleProject: projects.rescheduleProject,
  createParty: reference.createParty,
  updateParty: reference.updateParty,
  createOrganisation: reference.createOrganisation,
  updateOrganisation: reference.updateOrganisation,
  createPerson: reference.createPerson,
  updatePerson: reference.updatePerson,
  signIn: session.signIn,
  signOut: session.signOut,
  createApiToken: session.createApiToken,
  revokeApiToken: session.revokeApiToken,
  recordTokenUse: session.recordTokenUse,
  recordSessionUse: session.recordSessionUse,
  claimNotifications: notifications.claimNotifications,
  settleNotification: notifications.settleNotification,
  markNotificationRead: notifications.markNotificationRead,
  saveNotificationSettings: notificationSettings.saveNotificationSettings,
  remindCommitments: notifySchedule.remindCommitments,
  composeDigests: notifySchedule.composeDigests,
  changePassword: account.changePassword,
  revokeSession: account.revokeSession,
  issuePasswordReset: account.issuePasswordReset,
  resetPassword: account.resetPassword,
  keepChallenge: passkeys.keepChallenge,
  spendChallenge: passkeys.spendChallenge,
  addPasskey: passkeys.addPasskey,
  renamePasskey: passkeys.renamePasskey,
  removePasskey: passkeys.removePasskey,
  signInWithPasskey: passkeys.signInWithPasskey,
  createStatement: statements.createStatement,
  updateStatement: statements.updateStatement,
  addUser: users.addUser,
  updateUser: users.updateUser,
  setGroupRole: users.setGroupRole,
  decideClearance: users.decideClearance,
  createWorkingGroup: workingGroups.createWorkingGroup,
  updateWorkingGroup: workingGroups.updateWorkingGroup,
  addTrack: workingGroups.addTrack,
  updateTrack: workingGroups.updateTrack,
  setMember: workingGroups.setMember,
  setLabelScale: workingGroups.setLabelScale,
  approveProposal: proposals.approveProposal,
  declineProposal: proposals.declineProposal,
  withdrawProposal: proposals.withdrawProposal,
  setDisciplineRules: discipline.setDisciplineRules,
  beginProviderSignIn: identities.beginProviderSignIn,
  takeProviderSignIn: identities.takeProviderSignIn,
  completeProviderSignIn: identities.completeProviderSignIn,
  approveAccessRequest: identities.approveAccessRequest,
  refuseAccessRequest: identities.refuseAccessRequest,
} satisfies Record<string, (ctx: ActingContext, ...args: never[]) => Promise<unknown>>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** The arguments of a command after its context. */
export type CommandArgs<N extends CommandName> = Commands[N] extends (ctx: ActingContext, ...args: infer A) => Promise<unknown> ? A : never;
export type CommandResult<N extends CommandName> = Awaited<ReturnType<Commands[N]>>;

/** Whether `name` names a command (a call from another thread is checked before it runs). */
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);

/** A command that runs on the write thread when the context has one, in place otherwise. */
function onWriter<N extends CommandName>(name: N): Commands[N] {
  // TypeScript cannot follow one name through the union of every command's type, hence the casts.
  const fn = commands[name] as unknown as (ctx: ActingContext, ...args: CommandArgs<N>) => Promise<CommandResult<N>>;
  const run = (ctx: ActingContext, ...args: CommandArgs<N>): Promise<CommandResult<N>> => (ctx.writer ? (ctx.writer.call(name, ctx, args) as Promise<CommandResult<N>>) : fn(ctx, ...args));
  return run as unknown as Commands[N];
}

export const ingestArticle = onWriter('ingestArticle');
export const updateCandidate = onWriter('updateCandidate');
export const confirmCandidate = onWriter('confirmCandidate');
export const rejectCandidate = onWriter('rejectCandidate');
export const createCommitment = onWriter('createCommitment');
export const updateCommitment = onWriter('updateCommitment');
export const reportCommitmentProgress = onWriter('reportCommitmentProgress');
export const followFeed = onWriter('followFeed');
export const updateFeed = onWriter('updateFeed');
export const unfollowFeed = onWriter('unfollowFeed');
export const createDocument = onWriter('createDocument');
export const updateDocument = onWriter('updateDocument');
export const createDocumentVersion = onWriter('createDocumentVersion');
export const signDocumentVersion = onWriter('signDocumentVersion');
export const createIssue = onWriter('createIssue');
export const updateIssue = onWriter('updateIssue');
export const createMeeting = onWriter('createMeeting');
export const updateMeeting = onWriter('updateMeeting');
export const postponeMeeting = onWriter('postponeMeeting');
export const cancelMeeting = onWriter('cancelMeeting');
export const markMeetingHeld = onWriter('markMeetingHeld');
export const setAttendance = onWriter('setAttendance');
export const addAgendaItem = onWriter('addAgendaItem');
export const updateAgendaItem = onWriter('updateAgendaItem');
export const createSeries = onWriter('createSeries');
export const updateSeries = onWriter('updateSeries');
export const moveOccurrence = onWriter('moveOccurrence');
export const cancelOccurrence = onWriter('cancelOccurrence');
export const addNote = onWriter('addNote');
export const updateNote = onWriter('updateNote');
export const recordPosition = onWriter('recordPosition');
export const createProject = onWriter('createProject');
export const updateProject = onWriter('updateProject');
export const changeProjectStage = onWriter('changeProjectStage');
export const rescheduleProject = onWriter('rescheduleProject');
export const createParty = onWriter('createParty');
export const updateParty = onWriter('updateParty');
export const createOrganisation = onWriter('createOrganisation');
export const updateOrganisation = onWriter('updateOrganisation');
export const createPerson = onWriter('createPerson');
export const updatePerson = onWriter('updatePerson');
export const signIn = onWriter('signIn');
export const signOut = onWriter('signOut');
export const createApiToken = onWriter('createApiToken');
export const revokeApiToken = onWriter('revokeApiToken');
export const recordTokenUse = onWriter('recordTokenUse');
export const recordSessionUse = onWriter('recordSessionUse');
export const claimNotifications = onWriter('claimNotifications');
export const settleNotification = onWriter('settleNotification');
export const markNotificationRead = onWriter('markNotificationRead');
export const saveNotificationSettings = onWriter('saveNotificationSettings');
export const remindCommitments = onWriter('remindCommitments');
export const composeDigests = onWriter('composeDigests');
export const changePassword = onWriter('changePassword');
export const revokeSession = onWriter('revokeSession');
export const issuePasswordReset = onWriter('issuePasswordReset');
export const resetPassword = onWriter('resetPassword');
export const keepChallenge = onWriter('keepChallenge');
export const spendChallenge = onWriter('spendChallenge');
export const addPasskey = onWriter('addPasskey');
export const renamePasskey = onWriter('renamePasskey');
export const removePasskey = onWriter('removePasskey');
export const signInWithPasskey = onWriter('signInWithPasskey');
export const createStatement = onWriter('createStatement');
export const updateStatement = onWriter('updateStatement');
export const addUser = onWriter('addUser');
export const updateUser = onWriter('updateUser');
export const setGroupRole = onWriter('setGroupRole');
export const decideClearance = onWriter('decideClearance');
export const createWorkingGroup = onWriter('createWorkingGroup');
export const updateWorkingGroup = onWriter('updateWorkingGroup');
export const addTrack = onWriter('addTrack');
export const updateTrack = onWriter('updateTrack');
export const setMember = onWriter('setMember');
export const setLabelScale = onWriter('setLabelScale');
export const approveProposal = onWriter('approveProposal');
export const declineProposal = onWriter('declineProposal');
export const withdrawProposal = onWriter('withdrawProposal');
export const setDisciplineRules = onWriter('setDisciplineRules');
export const beginProviderSignIn = onWriter('beginProviderSignIn');
export const takeProviderSignIn = onWriter('takeProviderSignIn');
export const completeProviderSignIn = onWriter('completeProviderSignIn');
export const approveAccessRequest = onWriter('approveAccessRequest');
export const refuseAccessRequest = onWriter('refuseAccessRequest');
