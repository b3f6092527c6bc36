/**
 * The commands the API calls, each wrapped so that it runs on the server's write thread when
 * there is one (`concord serve` on the embedded store) and in the caller's thread otherwise
 * (tests, the CLI, PostgreSQL). Routes import commands from here; a command's own module is
 * where it is written. The registry maps each name to its function, for the write thread.
 */
import type { CommandContext } from './run.ts';
import * as articles from './articles.ts';
import * as commitments from './commitments.ts';
import * as documents from './documents.ts';
import * as issues from './issues.ts';
import * as meetings from './meetings.ts';
import * as notes from './notes.ts';
import * as positions from './positions.ts';
import * as projects from './projects.ts';
import * as reference from './reference.ts';
import * as session from './session.ts';
import * as statements from './statements.ts';
import * as users from './users.ts';
import * as workingGroups from './working-groups.ts';
import * as discipline from '../discipline/set-rules.ts';

type Command<A extends unknown[], R> = (ctx: CommandContext, ...args: A) => Promise<R>;

export const registry = new Map<string, Command<unknown[], unknown>>();

function remote<A extends unknown[], R>(name: string, fn: Command<A, R>): Command<A, R> {
  if (registry.has(name)) throw new Error(`Two commands are named ${name}`);
  registry.set(name, fn as Command<unknown[], unknown>);
  return (ctx, ...args) => (ctx.writer ? (ctx.writer.call(name, ctx.actor, ctx.requestId, args) as Promise<R>) : fn(ctx, ...args));
}

export const ingestArticle = remote('ingestArticle', articles.ingestArticle);
export const updateCandidate = remote('updateCandidate', articles.updateCandidate);
export const confirmCandidate = remote('confirmCandidate', articles.confirmCandidate);
export const rejectCandidate = remote('rejectCandidate', articles.rejectCandidate);
export const createCommitment = remote('createCommitment', commitments.createCommitment);
export const updateCommitment = remote('updateCommitment', commitments.updateCommitment);
export const reportCommitmentProgress = remote('reportCommitmentProgress', commitments.reportCommitmentProgress);
export const createDocument = remote('createDocument', documents.createDocument);
export const updateDocument = remote('updateDocument', documents.updateDocument);
export const createDocumentVersion = remote('createDocumentVersion', documents.createDocumentVersion);
export const signDocumentVersion = remote('signDocumentVersion', documents.signDocumentVersion);
export const createIssue = remote('createIssue', issues.createIssue);
export const updateIssue = remote('updateIssue', issues.updateIssue);
export const createMeeting = remote('createMeeting', meetings.createMeeting);
export const updateMeeting = remote('updateMeeting', meetings.updateMeeting);
export const postponeMeeting = remote('postponeMeeting', meetings.postponeMeeting);
export const cancelMeeting = remote('cancelMeeting', meetings.cancelMeeting);
export const markMeetingHeld = remote('markMeetingHeld', meetings.markMeetingHeld);
export const setAttendance = remote('setAttendance', meetings.setAttendance);
export const addAgendaItem = remote('addAgendaItem', meetings.addAgendaItem);
export const updateAgendaItem = remote('updateAgendaItem', meetings.updateAgendaItem);
export const addNote = remote('addNote', notes.addNote);
export const updateNote = remote('updateNote', notes.updateNote);
export const recordPosition = remote('recordPosition', positions.recordPosition);
export const createProject = remote('createProject', projects.createProject);
export const updateProject = remote('updateProject', projects.updateProject);
export const changeProjectStage = remote('changeProjectStage', projects.changeProjectStage);
export const rescheduleProject = remote('rescheduleProject', projects.rescheduleProject);
export const createParty = remote('createParty', reference.createParty);
export const updateParty = remote('updateParty', reference.updateParty);
export const createOrganisation = remote('createOrganisation', reference.createOrganisation);
export const updateOrganisation = remote('updateOrganisation', reference.updateOrganisation);
export const createPerson = remote('createPerson', reference.createPerson);
export const updatePerson = remote('updatePerson', reference.updatePerson);
export const signIn = remote('signIn', session.signIn);
export const signOut = remote('signOut', session.signOut);
export const createApiToken = remote('createApiToken', session.createApiToken);
export const revokeApiToken = remote('revokeApiToken', session.revokeApiToken);
export const recordTokenUse = remote('recordTokenUse', session.recordTokenUse);
export const createStatement = remote('createStatement', statements.createStatement);
export const updateStatement = remote('updateStatement', statements.updateStatement);
export const addUser = remote('addUser', users.addUser);
export const updateUser = remote('updateUser', users.updateUser);
export const setGroupRole = remote('setGroupRole', users.setGroupRole);
export const decideClearance = remote('decideClearance', users.decideClearance);
export const createWorkingGroup = remote('createWorkingGroup', workingGroups.createWorkingGroup);
export const updateWorkingGroup = remote('updateWorkingGroup', workingGroups.updateWorkingGroup);
export const addTrack = remote('addTrack', workingGroups.addTrack);
export const updateTrack = remote('updateTrack', workingGroups.updateTrack);
export const setMember = remote('setMember', workingGroups.setMember);
export const setLabelScale = remote('setLabelScale', workingGroups.setLabelScale);
export const setDisciplineRules = remote('setDisciplineRules', discipline.setDisciplineRules);
