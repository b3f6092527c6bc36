/**
 * Every operation of the API by its method and path: its `operationId` (explicit and stable: a
 * generated client names its functions after it, so never rename one) and what the OpenAPI
 * document says about it beyond its schemas. `ifMatch`: the operation changes a versioned record
 * and needs If-Match (`required`: 428 without it; `optional`: checked when sent). `forbidden`: a
 * read that answers 403 to some callers (every write may). A route missing here stops the
 * document from being built (server/http/openapi.ts).
 */
export interface OperationDoc {
  operationId: string;
  ifMatch?: 'required' | 'optional';
  forbidden?: true;
}

export const OPERATIONS: Record<string, OperationDoc> = {
  // Probes for process managers and load balancers: no caller, no input, so no 4xx.
  'GET /healthz': { operationId: 'getHealth' },
  'GET /readyz': { operationId: 'getReadiness' },

  'POST /api/session': { operationId: 'signIn' },
  'GET /api/session': { operationId: 'getSession' },
  'DELETE /api/session': { operationId: 'signOut' },
  'GET /api/tokens': { operationId: 'listApiTokens', forbidden: true },
  'POST /api/tokens': { operationId: 'createApiToken' },
  'DELETE /api/tokens/{id}': { operationId: 'revokeApiToken' },

  'GET /api/parties': { operationId: 'listParties' },
  'GET /api/parties/{id}': { operationId: 'getParty' },
  'POST /api/parties': { operationId: 'createParty' },
  'PATCH /api/parties/{id}': { operationId: 'updateParty', ifMatch: 'required' },
  'GET /api/organisations': { operationId: 'listOrganisations' },
  'GET /api/organisations/{id}': { operationId: 'getOrganisation' },
  'POST /api/organisations': { operationId: 'createOrganisation' },
  'PATCH /api/organisations/{id}': { operationId: 'updateOrganisation', ifMatch: 'required' },
  'GET /api/people': { operationId: 'listPeople' },
  'GET /api/people/{id}': { operationId: 'getPerson' },
  'POST /api/people': { operationId: 'createPerson' },
  'PATCH /api/people/{id}': { operationId: 'updatePerson', ifMatch: 'required' },

  'GET /api/users': { operationId: 'listUsers', forbidden: true },
  'GET /api/users/{id}': { operationId: 'getUser', forbidden: true },
  'POST /api/users': { operationId: 'createUser' },
  'PATCH /api/users/{id}': { operationId: 'updateUser', ifMatch: 'required' },
  'GET /api/clearance-requests': { operationId: 'listClearanceRequests', forbidden: true },
  'POST /api/clearance-requests/{id}/approve': { operationId: 'approveClearanceRequest' },
  'POST /api/clearance-requests/{id}/reject': { operationId: 'rejectClearanceRequest' },
  'PUT /api/working-groups/{id}/roles/{userId}': { operationId: 'setGroupRole' },

  'GET /api/working-groups': { operationId: 'listWorkingGroups' },
  'GET /api/working-groups/{id}': { operationId: 'getWorkingGroup' },
  'POST /api/working-groups': { operationId: 'createWorkingGroup' },
  'PATCH /api/working-groups/{id}': { operationId: 'updateWorkingGroup', ifMatch: 'required' },
  'POST /api/working-groups/{id}/tracks': { operationId: 'createTrack' },
  'PATCH /api/working-groups/{id}/tracks/{trackId}': { operationId: 'updateTrack', ifMatch: 'required' },
  'PUT /api/working-groups/{id}/members/{orgId}': { operationId: 'setGroupMember' },
  'GET /api/working-groups/{id}/calendar.ics': { operationId: 'getGroupCalendar' },
  'GET /api/working-groups/{id}/dashboard': { operationId: 'getGroupDashboard' },
  'GET /api/working-groups/{id}/people': { operationId: 'listGroupPeople' },
  'GET /api/proposals': { operationId: 'listProposals' },
  'GET /api/proposals/{id}': { operationId: 'getProposal' },
  'POST /api/proposals/{id}/approve': { operationId: 'approveProposal', ifMatch: 'required' },
  'POST /api/proposals/{id}/decline': { operationId: 'declineProposal', ifMatch: 'required' },
  'POST /api/proposals/{id}/withdraw': { operationId: 'withdrawProposal', ifMatch: 'required' },

  'GET /api/meetings': { operationId: 'listMeetings' },
  'GET /api/meetings/{id}': { operationId: 'getMeeting' },
  'POST /api/meetings': { operationId: 'createMeeting' },
  'PATCH /api/meetings/{id}': { operationId: 'updateMeeting', ifMatch: 'required' },
  'POST /api/meetings/{id}/postpone': { operationId: 'postponeMeeting', ifMatch: 'required' },
  'POST /api/meetings/{id}/cancel': { operationId: 'cancelMeeting', ifMatch: 'required' },
  'POST /api/meetings/{id}/hold': { operationId: 'holdMeeting', ifMatch: 'required' },
  'PUT /api/meetings/{id}/attendance': { operationId: 'setAttendance', ifMatch: 'optional' },
  'POST /api/meetings/{id}/agenda': { operationId: 'createAgendaItem' },
  'PATCH /api/meetings/{id}/agenda/{itemId}': { operationId: 'updateAgendaItem', ifMatch: 'required' },
  'GET /api/series': { operationId: 'listMeetingSeries' },
  'GET /api/series/{id}': { operationId: 'getMeetingSeries' },
  'POST /api/series': { operationId: 'createMeetingSeries' },
  'PATCH /api/series/{id}': { operationId: 'updateMeetingSeries', ifMatch: 'required' },
  'POST /api/series/{id}/occurrences/{meetingId}/move': { operationId: 'moveSeriesOccurrence', ifMatch: 'required' },
  'POST /api/series/{id}/occurrences/{meetingId}/cancel': { operationId: 'cancelSeriesOccurrence', ifMatch: 'required' },

  'GET /api/issues': { operationId: 'listIssues' },
  'GET /api/issues/{id}': { operationId: 'getIssue' },
  'POST /api/issues': { operationId: 'createIssue' },
  'PATCH /api/issues/{id}': { operationId: 'updateIssue', ifMatch: 'required' },

  'GET /api/positions': { operationId: 'listPositions' },
  'GET /api/positions/history': { operationId: 'listPositionHistory' },
  'GET /api/positions/{id}': { operationId: 'getPosition' },
  'POST /api/positions': { operationId: 'recordPosition' },

  'GET /api/statements': { operationId: 'listStatements' },
  'GET /api/statements/{id}': { operationId: 'getStatement' },
  'POST /api/statements': { operationId: 'createStatement' },
  'PATCH /api/statements/{id}': { operationId: 'updateStatement', ifMatch: 'required' },

  'GET /api/documents': { operationId: 'listDocuments' },
  'GET /api/documents/{id}': { operationId: 'getDocument' },
  'GET /api/documents/{id}/versions/{number}': { operationId: 'getDocumentVersion' },
  'GET /api/documents/{id}/diff': { operationId: 'getDocumentDiff' },
  'GET /api/documents/{id}/export': { operationId: 'exportDocument' },
  'GET /api/signing-keys': { operationId: 'listSigningKeys', forbidden: true },
  'POST /api/documents': { operationId: 'createDocument' },
  'PATCH /api/documents/{id}': { operationId: 'updateDocument', ifMatch: 'required' },
  'POST /api/documents/{id}/versions': { operationId: 'createDocumentVersion', ifMatch: 'required' },
  'POST /api/documents/{id}/versions/{number}/sign-off': { operationId: 'signOffDocumentVersion' },

  'GET /api/commitments': { operationId: 'listCommitments' },
  'GET /api/commitments/{id}': { operationId: 'getCommitment' },
  'POST /api/commitments': { operationId: 'createCommitment' },
  'PATCH /api/commitments/{id}': { operationId: 'updateCommitment', ifMatch: 'required' },
  'POST /api/commitments/{id}/reports': { operationId: 'reportProgress' },

  'GET /api/projects': { operationId: 'listProjects' },
  'GET /api/projects/stage-times': { operationId: 'getProjectStageTimes' },
  'GET /api/projects/{id}': { operationId: 'getProject' },
  'POST /api/projects': { operationId: 'createProject' },
  'PATCH /api/projects/{id}': { operationId: 'updateProject', ifMatch: 'required' },
  'POST /api/projects/{id}/stage': { operationId: 'changeProjectStage', ifMatch: 'required' },
  'POST /api/projects/{id}/reschedule': { operationId: 'rescheduleProject', ifMatch: 'required' },

  'GET /api/notes': { operationId: 'listNotes' },
  'GET /api/notes/{id}': { operationId: 'getNote' },
  'POST /api/notes': { operationId: 'createNote' },
  'PATCH /api/notes/{id}': { operationId: 'updateNote', ifMatch: 'required' },

  'GET /api/audit': { operationId: 'listAuditEvents' },
  'GET /api/audit/verify': { operationId: 'verifyAuditChain', forbidden: true },

  'GET /api/articles': { operationId: 'listArticles' },
  'GET /api/articles/{id}': { operationId: 'getArticle' },
  'POST /api/articles': { operationId: 'createArticle' },
  'GET /api/statement-candidates': { operationId: 'listStatementCandidates' },
  'GET /api/statement-candidates/{id}': { operationId: 'getStatementCandidate' },
  'PATCH /api/statement-candidates/{id}': { operationId: 'updateStatementCandidate', ifMatch: 'required' },
  'POST /api/statement-candidates/{id}/confirm': { operationId: 'confirmStatementCandidate', ifMatch: 'required' },
  'POST /api/statement-candidates/{id}/reject': { operationId: 'rejectStatementCandidate', ifMatch: 'required' },

  'GET /api/working-groups/{id}/alignment': { operationId: 'getGroupAlignment' },
  'GET /api/working-groups/{id}/label-scale': { operationId: 'getLabelScale' },
  'PUT /api/working-groups/{id}/label-scale': { operationId: 'setLabelScale', ifMatch: 'required' },
  'GET /api/alignment/agreement': { operationId: 'getAgreement' },
  'GET /api/alignment/matrix': { operationId: 'getAlignmentMatrix' },
  'GET /api/alignment/bridging': { operationId: 'getBridgingIssues' },

  'GET /api/working-groups/{id}/discipline': { operationId: 'getDisciplineReport' },
  'GET /api/statements/{id}/findings': { operationId: 'getStatementFindings' },
  'GET /api/working-groups/{id}/discipline-rules': { operationId: 'getDisciplineRules' },
  'PUT /api/working-groups/{id}/discipline-rules': { operationId: 'setDisciplineRules', ifMatch: 'required' },
};

/** The tags of the document, in order, with what each groups. */
export const TAGS = [
  { name: 'session', description: 'Signing in and out (session cookie and CSRF token), and API tokens for scripts' },
  { name: 'reference', description: 'Parties, organisations and people: reference data kept by administrators' },
  { name: 'users', description: 'Accounts, clearances (raised by two administrators) and group roles' },
  { name: 'working-groups', description: 'Working groups: mandate, members, tracks, calendar and dashboard' },
  { name: 'proposals', description: "Joint decisions: changes to a group of several parties that wait for every party's approval" },
  { name: 'meetings', description: 'Meetings of a working group: agenda, attendance, postponement and outcome' },
  { name: 'issues', description: "The questions a working group's parties take positions on" },
  { name: 'positions', description: 'Stances of parties and organisations on issues, append-only' },
  { name: 'statements', description: 'What officials said in public, with speaker, source and stance per issue' },
  { name: 'documents', description: 'Joint documents: versions of clauses, brackets, diffs and sign-offs' },
  { name: 'commitments', description: "Commitments made in a working group and each party's progress reports" },
  { name: 'projects', description: 'Cooperation projects through their stages, with time in each stage' },
  { name: 'notes', description: "An organisation's internal notes on any record" },
  { name: 'audit', description: 'The hash-chained audit trail, as far as the caller may see it' },
  { name: 'articles', description: 'News articles and the statements extracted from them, for review' },
  { name: 'alignment', description: 'How far the parties agree: pair figures, trends, matrices and bridging issues' },
  { name: 'message discipline', description: 'Message discipline: statements compared with positions, agreed lines and each other' },
];
