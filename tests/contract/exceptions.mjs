// The EXCEPTIONS table: every place where this test deliberately departs from the official schema, and why.
//
// Rule: where the official schema and what the real service returns disagree, the test follows the real service
// (shared/api/GITLAB.md, shared/api/SENTRY.md and the sources they cite), and records the departure here. An
// exception changes ONE schema location (or one endpoint's status/body handling), never a whole schema. Every entry is
// checked at startup: an entry whose target does not exist in the official document is an error (so the table cannot go
// stale silently), and validate.mjs reports, per endpoint, which exceptions a response actually needed.
//
// Fields:
//   id        stable identifier printed in the output ('null:Ci_Job.started_at', 'GL-EP-1', …).
//   api       'gitlab' | 'sentry'.
//   endpoint  'METHOD /path/template' as in the official document (GitLab without /api/v4, Sentry without /api/0), or
//             '*' for a schema definition shared by every endpoint that reaches it.
//   schema    where `path` starts:
//               GitLab: a Swagger definition name ('API_Entities_Ci_Job'), or 'contract:<file>' for a bundled
//               JSON-schema contract ('contract:environment.json'), or 'response' (the endpoint's response root);
//               Sentry: 'response <status>' of `endpoint`.
//   path      JSON path into the *response instance* that the schema location describes: '$' is the schema root,
//             '.name' a property, '[*]' the items of an array.
//   change    what is done to the schema at that location:
//               {nullable: true}               the value may also be null;
//               {retype: <draft-07 schema>}    the value has this type instead (the declared type is wrong);
//               {arrayOf: true}                the value is an array of what is declared (declared as a single object);
//               {allowProperties: {name: schema, …}}  an `additionalProperties: false` object may also carry these;
//               {acceptStatus: N, as: M}       status N is accepted and validated with the schema documented for M;
//               {textBody: true}               the body is text/plain, not JSON (content type + string checked);
//               {format: name}                 (documentation only) how a Swagger format is checked.
//   reason    why the real service differs; with the source.

// ------------------------------------------------------------------------------------------------------------------
// GitLab — Swagger 2.0 (api/gitlab/openapi_v2.yaml)
// ------------------------------------------------------------------------------------------------------------------

// Swagger 2.0 has no null. GitLab's generator (grape-swagger) emits no `x-nullable`, but Grape entities serialise a
// missing value as JSON null. The fields below are null in real responses in the stated situation (GITLAB.md field
// lists mark them `|null`, or the documented example responses show null).
const gitlabNullable = [
  // Jobs (lib/api/entities/ci/job_basic.rb, job.rb; GITLAB.md §1.4, doc/api/jobs.md examples)
  ['API_Entities_Ci_Job', '$.started_at', 'null until a runner picks the job (created/pending/manual/scheduled jobs)'],
  ['API_Entities_Ci_Job', '$.finished_at', 'null until the job finishes'],
  ['API_Entities_Ci_Job', '$.erased_at', 'null unless the job log/artifacts were erased'],
  ['API_Entities_Ci_Job', '$.duration', 'null for jobs that never started (doc/api/jobs.md: "duration": null)'],
  ['API_Entities_Ci_Job', '$.queued_duration', 'null for jobs that were never queued (manual/created)'],
  ['API_Entities_Ci_Job', '$.coverage', 'null when the job reports no coverage (doc/api/jobs.md: "coverage": null)'],
  ['API_Entities_Ci_Job', '$.artifacts_expire_at', 'null when the job has no expiring artifacts'],
  ['API_Entities_Ci_Job', '$.runner', 'null until a runner picks the job (doc/api/jobs.md: "runner": null)'],
  ['API_Entities_Ci_Job', '$.runner_manager', 'null until a runner picks the job'],
  ['API_Entities_Ci_Runner', '$.ip_address', 'null since runner IPs moved to runner managers (doc/api/jobs.md example runner: "ip_address": null)'],
  ['API_Entities_Ci_Runner', '$.name', 'null for runners registered without a name (ci_runners.name is a nullable column)'],
  ['API_Entities_Ci_JobBasic', '$.started_at', 'as API_Entities_Ci_Job.started_at (the play response of a manual job)'],
  ['API_Entities_Ci_JobBasic', '$.finished_at', 'as API_Entities_Ci_Job.finished_at'],
  ['API_Entities_Ci_JobBasic', '$.erased_at', 'as API_Entities_Ci_Job.erased_at'],
  ['API_Entities_Ci_JobBasic', '$.duration', 'as API_Entities_Ci_Job.duration'],
  ['API_Entities_Ci_JobBasic', '$.queued_duration', 'as API_Entities_Ci_Job.queued_duration'],
  ['API_Entities_Ci_JobBasic', '$.coverage', 'as API_Entities_Ci_Job.coverage'],
  ['API_Entities_User', '$.avatar_url', 'as API_Entities_UserBasic.avatar_url (Job.user is the full User entity)'],
  ['API_Entities_User', '$.public_email', 'null when the user shows no public email (doc/api/jobs.md example user)'],
  ['API_Entities_User', '$.bio', 'null on accounts that never set it (doc/api/jobs.md example: "bio": null)'],
  ['API_Entities_User', '$.location', 'null on accounts that never set it (doc/api/jobs.md example: "location": null)'],
  ['API_Entities_User', '$.pronouns', 'null unless set'],
  ['API_Entities_User', '$.work_information', 'null without job title and organization'],
  ['API_Entities_User', '$.local_time', 'null when the user has no time zone'],
  // Pipelines (lib/api/entities/ci/pipeline.rb; GITLAB.md §1.3 "yaml_errors:str|null … coverage:number|null")
  ['DetailedStatusEntity', '$.illustration', 'null for statuses without an illustration (doc/api/pipelines.md example: "illustration": null)'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.yaml_errors', 'null when the CI config is valid (GITLAB.md §1.3)'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.started_at', 'null until the first job starts'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.finished_at', 'null until the pipeline finishes'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.committed_at', 'null when the commit time is unknown (doc/api/pipelines.md: "committed_at": null)'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.duration', 'null until the pipeline finishes'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.queued_duration', 'null until the pipeline is queued'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.coverage', 'null without coverage (GITLAB.md §1.3 coverage:number|null)'],
  ['API_Entities_Ci_PipelineWithMetadata', '$.name', 'null for pipelines without workflow:name'],
  ['API_Entities_Ci_Pipeline', '$.yaml_errors', 'as API_Entities_Ci_PipelineWithMetadata.yaml_errors (retry/cancel response)'],
  ['API_Entities_Ci_Pipeline', '$.started_at', 'as API_Entities_Ci_PipelineWithMetadata.started_at'],
  ['API_Entities_Ci_Pipeline', '$.finished_at', 'as API_Entities_Ci_PipelineWithMetadata.finished_at (a retried pipeline runs again)'],
  ['API_Entities_Ci_Pipeline', '$.committed_at', 'as API_Entities_Ci_PipelineWithMetadata.committed_at'],
  ['API_Entities_Ci_Pipeline', '$.duration', 'as API_Entities_Ci_PipelineWithMetadata.duration'],
  ['API_Entities_Ci_Pipeline', '$.queued_duration', 'as API_Entities_Ci_PipelineWithMetadata.queued_duration'],
  ['API_Entities_Ci_Pipeline', '$.coverage', 'as API_Entities_Ci_PipelineWithMetadata.coverage'],
  // Environments and deployments (GITLAB.md §2.1, §2.2; contracts environment.json / deployment.json admit null here)
  ['API_Entities_Environment', '$.external_url', 'null when no URL is configured (contract environment.json: nullable_string)'],
  ['API_Entities_Environment', '$.auto_stop_at', 'null unless auto-stop is scheduled (doc/api/environments.md: "auto_stop_at": null)'],
  ['API_Entities_Environment', '$.last_deployment', 'null for an environment never deployed to (contract environment.json: oneOf null)'],
  ['API_Entities_Environment', '$.kubernetes_namespace', 'null unless a Kubernetes namespace is set'],
  ['API_Entities_Environment', '$.flux_resource_path', 'null unless a Flux resource is set'],
  ['API_Entities_Environment', '$.cluster_agent', 'null unless a cluster agent is set'],
  ['API_Entities_Environment', '$.description', 'null when the environment has no description (docs.gitlab.com/api/environments)'],
  ['API_Entities_EnvironmentBasic', '$.external_url', 'null when no URL is configured'],
  ['API_Entities_Deployment', '$.deployable', 'null for deployments created through POST /deployments (GITLAB.md §2.2; contract deployment.json: oneOf null)'],
  ['API_Entities_Deployment', '$.user', 'contract deployment.json: user oneOf null (deleted/ghost user)'],
  ['API_Entities_DeploymentExtended', '$.deployable', 'as API_Entities_Deployment.deployable'],
  ['API_Entities_DeploymentExtended', '$.user', 'as API_Entities_Deployment.user'],
  // Releases and milestones (GITLAB.md §4.1, §4.2: dates are strings or null)
  ['API_Entities_Release', '$.description', 'null when the release was created without notes'],
  ['API_Entities_MilestoneWithStats', '$.description', 'null when the milestone has no description'],
  ['API_Entities_MilestoneWithStats', '$.due_date', 'null without a due date'],
  ['API_Entities_MilestoneWithStats', '$.start_date', 'null without a start date'],
  ['API_Entities_Milestone', '$.due_date', 'null without a due date'],
  ['API_Entities_Milestone', '$.start_date', 'null without a start date'],
  ['API_Entities_Milestone', '$.description', 'null when the milestone has no description'],
  // Compare (lib/api/entities/compare.rb: commit is the last commit of the range, nil for an empty range)
  ['API_Entities_Compare', '$.commit', 'null when from..to holds no commit (compare_same_ref)'],
  // Merge requests (doc/api/merge_requests.md list example: these are null on open/unmerged MRs)
  ['API_Entities_MergeRequestBasic', '$.description', 'null when the MR has no description'],
  ['API_Entities_MergeRequestBasic', '$.merged_by', 'null unless merged (deprecated alias of merge_user)'],
  ['API_Entities_MergeRequestBasic', '$.merge_user', 'null unless merged or set to auto-merge'],
  ['API_Entities_MergeRequestBasic', '$.merged_at', 'null unless merged'],
  ['API_Entities_MergeRequestBasic', '$.closed_by', 'null unless closed'],
  ['API_Entities_MergeRequestBasic', '$.closed_at', 'null unless closed'],
  ['API_Entities_MergeRequestBasic', '$.assignee', 'null without an assignee'],
  ['API_Entities_MergeRequestBasic', '$.milestone', 'null without a milestone'],
  ['API_Entities_MergeRequestBasic', '$.merge_commit_sha', 'null without a merge commit (fast-forward, unmerged)'],
  ['API_Entities_MergeRequestBasic', '$.squash_commit_sha', 'null unless squashed'],
  ['API_Entities_MergeRequestBasic', '$.discussion_locked', 'null unless locking was ever set (doc example: "discussion_locked": null)'],
  ['API_Entities_MergeRequestBasic', '$.merge_after', 'null unless a merge-after time is set'],
  ['API_Entities_MergeRequestBasic', '$.prepared_at', 'null while the MR is being prepared'],
  ['API_Entities_IssuableTimeStats', '$.human_time_estimate', 'null without an estimate (doc/api/merge_requests.md example: "human_time_estimate": null)'],
  ['API_Entities_IssuableTimeStats', '$.human_total_time_spent', 'null without time spent (same example)'],
  // Tags and commits (doc/api/tags.md, doc/api/commits.md)
  ['API_Entities_Tag', '$.message', 'null for lightweight tags'],
  ['API_Entities_Tag', '$.release', 'null when the tag has no release (doc/api/tags.md: "release": null)'],
  ['API_Entities_Tag', '$.created_at', 'null for lightweight tags (only annotated tags have a creation time)'],
  ['API_Entities_CommitDetail', '$.status', 'null when no pipeline ran for the commit (doc/api/commits.md: "status": null)'],
  ['API_Entities_CommitDetail', '$.last_pipeline', 'null when no pipeline ran for the commit'],
  // Users and projects
  ['API_Entities_UserBasic', '$.avatar_url', 'null when avatars are disabled and none was uploaded'],
  ['API_Entities_UserBasic', '$.public_email', 'null when the user shows no public email'],
  ['API_Entities_ProjectWithAccess', '$.description', 'null when the project has no description (doc/api/projects.md)'],
  ['API_Entities_ProjectWithAccess', '$.readme_url', 'null without a README'],
  ['API_Entities_ProjectWithAccess', '$.license_url', 'null without a LICENSE'],
  ['API_Entities_ProjectWithAccess', '$.license', 'null without a LICENSE'],
  ['API_Entities_ProjectWithAccess', '$.avatar_url', 'null without a project avatar'],
  ['API_Entities_ProjectWithAccess', '$.marked_for_deletion_at', 'null unless scheduled for deletion'],
  ['API_Entities_ProjectWithAccess', '$.marked_for_deletion_on', 'null unless scheduled for deletion'],
  ['API_Entities_ProjectWithAccess', '$.import_url', 'null for projects that were not imported'],
  ['API_Entities_ProjectWithAccess', '$.import_type', 'null for projects that were not imported'],
  ['API_Entities_ProjectWithAccess', '$.import_error', 'null unless an import failed'],
  ['API_Entities_ProjectWithAccess', '$.service_desk_address', 'null when Service Desk is off'],
  ['API_Entities_ProjectWithAccess', '$.ci_config_path', 'null when the default .gitlab-ci.yml is used'],
  ['API_Entities_ProjectWithAccess', '$.merge_commit_template', 'null when the default template is used'],
  ['API_Entities_ProjectWithAccess', '$.squash_commit_template', 'null when the default template is used'],
  ['API_Entities_ProjectWithAccess', '$.issue_branch_template', 'null when the default template is used'],
  ['API_Entities_ProjectWithAccess', '$.suggestion_commit_message', 'null when the default message is used'],
  ['API_Entities_ProjectWithAccess', '$.merge_request_title_regex', 'null unless a title regex is set'],
  ['API_Entities_ProjectWithAccess', '$.merge_request_title_regex_description', 'null unless a title regex is set'],
  ['API_Entities_ProjectWithAccess', '$.ci_delete_pipelines_in_seconds', 'null unless automatic pipeline cleanup is set'],
  ['API_Entities_ProjectWithAccess', '$.runner_token_expiration_interval', 'null unless set'],
  ['API_Entities_ProjectWithAccess', '$.external_authorization_classification_label', 'null unless external authorization is used'],
  ['API_Entities_ProjectWithAccess', '$.issues_template', 'null unless a default issue template is set'],
  ['API_Entities_ProjectWithAccess', '$.merge_requests_template', 'null unless a default MR template is set'],
  ['API_Entities_ProjectWithAccess', '$.container_registry_image_prefix', 'null when the registry is disabled instance-wide'],
  ['API_Entities_ProjectWithAccess', '$.permissions.project_access', 'null when the user has no direct project membership (doc/api/projects.md "permissions")'],
  ['API_Entities_ProjectWithAccess', '$.permissions.group_access', 'null when the user has no group membership, or for a personal project (doc/api/projects.md: "group_access": null)'],
  ['API_Entities_BasicProjectDetails', '$.description', 'null when the project has no description'],
  ['API_Entities_BasicProjectDetails', '$.readme_url', 'null without a README'],
  ['API_Entities_BasicProjectDetails', '$.license_url', 'null without a LICENSE'],
  ['API_Entities_BasicProjectDetails', '$.license', 'null without a LICENSE'],
  ['API_Entities_BasicProjectDetails', '$.avatar_url', 'null without a project avatar (doc/api/projects.md: "avatar_url": null)'],
  ['API_Entities_NamespaceBasic', '$.parent_id', 'null for a top-level namespace (doc/api/projects.md: "parent_id": null)'],
  ['API_Entities_NamespaceBasic', '$.avatar_url', 'null without a namespace avatar'],
];

// Declared with the wrong type in the Swagger document (the generator types every unannotated exposure as string,
// and `using:` collections as a single $ref). The real type is the one of the entity's Ruby code and the documented
// example responses.
const gitlabRetyped = [
  ['API_Entities_Ci_Job', '$.project.ci_job_token_scope_enabled', { type: 'boolean' },
    'declared string (its own example is `false`); JobBasic exposes project.ci_job_token_scope_enabled as a boolean'],
  ['API_Entities_Ci_JobBasic', '$.project.ci_job_token_scope_enabled', { type: 'boolean' },
    'as API_Entities_Ci_Job.project.ci_job_token_scope_enabled'],
  // lib/api/entities/project_access.rb / group_access.rb expose Gitlab::Access integers (doc/api/projects.md:
  // "project_access": {"access_level": 10, "notification_level": 3})
  ['API_Entities_ProjectAccess', '$.access_level', { type: 'integer' }, 'declared string; an access level (10, 20, 30, 40, 50)'],
  ['API_Entities_ProjectAccess', '$.notification_level', { type: 'integer' }, 'declared string; a NotificationSetting level (integer)'],
  ['API_Entities_GroupAccess', '$.access_level', { type: 'integer' }, 'as ProjectAccess.access_level'],
  ['API_Entities_GroupAccess', '$.notification_level', { type: 'integer' }, 'as ProjectAccess.notification_level'],
  // lib/api/entities/user.rb: `expose :bot?, as: :bot`, follower counts, `is_followed` (doc/api/users.md examples)
  ['API_Entities_User', '$.bot', { type: 'boolean' }, 'declared string; User#bot? is a boolean'],
  ['API_Entities_User', '$.followers', { type: 'integer' }, 'declared string; a count'],
  ['API_Entities_User', '$.following', { type: 'integer' }, 'declared string; a count'],
  ['API_Entities_User', '$.is_followed', { type: 'boolean' }, 'declared string; a boolean'],
  // GITLAB.md §6.1: "MilestoneWithStats ids typed string"
  ['API_Entities_MilestoneWithStats', '$.id', { type: 'integer' }, 'GITLAB.md §6.1: ids typed string in the OAS; integers in responses'],
  ['API_Entities_MilestoneWithStats', '$.iid', { type: 'integer' }, 'GITLAB.md §6.1'],
  ['API_Entities_MilestoneWithStats', '$.project_id', { type: 'integer' }, 'GITLAB.md §6.1'],
  ['API_Entities_MilestoneWithStats', '$.group_id', { type: 'integer' }, 'GITLAB.md §6.1 (group milestones only)'],
  ['API_Entities_MilestoneWithStats', '$.expired', { type: ['boolean', 'null'] },
    'declared string; Milestoneish#expired? is `due_date && due_date.past?` (boolean, null without due date)'],
  ['API_Entities_MilestoneWithStats', '$.issue_stats.total', { type: 'integer' }, 'declared string; a count (GITLAB.md §4.1 issue_stats{total,closed})'],
  ['API_Entities_MilestoneWithStats', '$.issue_stats.closed', { type: 'integer' }, 'declared string; a count'],
  ['API_Entities_Milestone', '$.id', { type: 'integer' }, 'same generator defect as MilestoneWithStats (GITLAB.md §6.1)'],
  ['API_Entities_Milestone', '$.iid', { type: 'integer' }, 'as above'],
  ['API_Entities_Milestone', '$.project_id', { type: 'integer' }, 'as above'],
  ['API_Entities_Milestone', '$.group_id', { type: 'integer' }, 'as above'],
  ['API_Entities_Milestone', '$.expired', { type: ['boolean', 'null'] }, 'as MilestoneWithStats.expired'],
  // Merge requests (doc/api/merge_requests.md "List project merge requests" example response)
  ['API_Entities_MergeRequestBasic', '$.user_notes_count', { type: 'integer' }, 'declared string; example `"user_notes_count": 1`'],
  ['API_Entities_MergeRequestBasic', '$.upvotes', { type: 'integer' }, 'declared string; example `"upvotes": 0`'],
  ['API_Entities_MergeRequestBasic', '$.downvotes', { type: 'integer' }, 'declared string; example `"downvotes": 0`'],
  ['API_Entities_MergeRequestBasic', '$.source_project_id', { type: 'integer' }, 'declared string; example `"source_project_id": 2`'],
  ['API_Entities_MergeRequestBasic', '$.target_project_id', { type: 'integer' }, 'declared string; example `"target_project_id": 3`'],
  ['API_Entities_MergeRequestBasic', '$.labels', { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object' }] } },
    'declared string; an array of label names (objects with with_labels_details=true)'],
  ['API_Entities_MergeRequestBasic', '$.draft', { type: 'boolean' }, 'declared string; example `"draft": false`'],
  ['API_Entities_MergeRequestBasic', '$.work_in_progress', { type: 'boolean' }, 'declared string; example `"work_in_progress": false`'],
  ['API_Entities_MergeRequestBasic', '$.imported', { type: 'boolean' }, 'declared string; example `"imported": false`'],
  ['API_Entities_MergeRequestBasic', '$.merge_when_pipeline_succeeds', { type: 'boolean' }, 'declared string; example `true`'],
  ['API_Entities_MergeRequestBasic', '$.should_remove_source_branch', { type: ['boolean', 'null'] }, 'declared string; boolean or null'],
  ['API_Entities_MergeRequestBasic', '$.force_remove_source_branch', { type: ['boolean', 'null'] }, 'declared string; boolean or null'],
  ['API_Entities_MergeRequestBasic', '$.allow_collaboration', { type: 'boolean' }, 'declared string; boolean (only for forks)'],
  ['API_Entities_MergeRequestBasic', '$.allow_maintainer_to_push', { type: 'boolean' }, 'declared string; boolean (only for forks)'],
  ['API_Entities_MergeRequestBasic', '$.squash', { type: 'boolean' }, 'declared string; example `"squash": false`'],
  ['API_Entities_MergeRequestBasic', '$.squash_on_merge', { type: 'boolean' }, 'declared string; example `"squash_on_merge": false`'],
  ['API_Entities_MergeRequestBasic', '$.has_conflicts', { type: 'boolean' }, 'declared string; example `"has_conflicts": false`'],
  ['API_Entities_MergeRequestBasic', '$.blocking_discussions_resolved', { type: 'boolean' }, 'declared string; example `true`'],
  ['API_Entities_MergeRequestBasic', '$.approvals_before_merge', { type: ['integer', 'null'] }, 'declared string; example `null` (EE: a count)'],
  ['API_Entities_MergeRequestBasic', '$.task_completion_status',
    { type: 'object', properties: { count: { type: 'integer' }, completed_count: { type: 'integer' } } },
    'declared string; example `{"count":0,"completed_count":0}`'],
];

// `using:` collections that the generator declares as one object instead of an array.
const gitlabArrays = [
  ['API_Entities_Release', '$.milestones', 'GITLAB.md §6.1: "Release.milestones … modelled as a single $ref instead of arrays"'],
  ['API_Entities_Release', '$.assets.sources', 'GITLAB.md §4.1: assets.sources[{format,url}] is an array'],
  ['API_Entities_Release', '$.assets.links', 'GITLAB.md §4.1: assets.links[{id,name,url,…}] is an array'],
  ['API_Entities_Release', '$.evidences', 'GITLAB.md §4.1: evidences[{sha,filepath,collected_at}] is an array'],
  ['API_Entities_DeploymentExtended', '$.approvals', 'GITLAB.md §6.1: "DeploymentExtended.approvals modelled as a single $ref instead of arrays"'],
  ['API_Entities_Deployments_ApprovalSummary', '$.rules', 'GITLAB.md §2.2: approval_summary{rules[]} is an array'],
  ['API_Entities_MergeRequestBasic', '$.assignees', 'doc/api/merge_requests.md: "assignees": [ … ] is an array of users'],
  ['API_Entities_MergeRequestBasic', '$.reviewers', 'doc/api/merge_requests.md: "reviewers": [ … ] is an array of users'],
];

// API_Entities_MergeRequest (GET one MR) repeats every MergeRequestBasic field as a separate definition (no allOf), with
// the same generator defects: the same exceptions apply to it, field for field.
for (const list of [gitlabNullable, gitlabRetyped, gitlabArrays]) {
  for (const row of list.filter((r) => r[0] === 'API_Entities_MergeRequestBasic')) {
    list.push(['API_Entities_MergeRequest', ...row.slice(1, -1), `as MergeRequestBasic: ${row[row.length - 1]}`]);
  }
}
gitlabNullable.push(
  ['API_Entities_MergeRequest', '$.latest_build_started_at', 'null without a pipeline'],
  ['API_Entities_MergeRequest', '$.latest_build_finished_at', 'null until the latest pipeline finishes'],
  ['API_Entities_MergeRequest', '$.first_deployed_to_production_at', 'null until deployed to production'],
  ['API_Entities_MergeRequest', '$.pipeline', 'null without a pipeline'],
  ['API_Entities_MergeRequest', '$.head_pipeline', 'null without a pipeline'],
  ['API_Entities_MergeRequest', '$.merge_error', 'null unless a merge failed'],
);
gitlabRetyped.push(
  ['API_Entities_MergeRequest', '$.subscribed', { type: 'boolean' }, 'declared string; doc/api/merge_requests.md single MR: "subscribed": false'],
  ['API_Entities_MergeRequest', '$.rebase_in_progress', { type: 'boolean' }, 'declared string; boolean'],
  ['API_Entities_MergeRequest', '$.diverged_commits_count', { type: 'integer' }, 'declared string; a count'],
  ['API_Entities_MergeRequest', '$.first_contribution', { type: 'boolean' }, 'declared string; boolean'],
  ['API_Entities_MergeRequest', '$.changes_count', { type: ['string', 'null'] },
    'declared string, correctly a string ("1", or "1000+"), but null while the diff is not computed'],
);

const gitlabEndpoint = [
  {
    id: 'GL-EP-1',
    endpoint: 'GET /projects/{id}/merge_requests',
    schema: 'response',
    path: '$',
    change: { arrayOf: true },
    reason:
      'the Swagger document declares the 200 body as one API_Entities_MergeRequestBasic; the list endpoint returns an array of them (doc/api/merge_requests.md, GITLAB.md §4.5)',
  },
  {
    id: 'GL-EP-2',
    endpoint: 'GET /projects/{id}/jobs/{job_id}/trace',
    schema: 'response',
    path: '$',
    change: { textBody: true },
    reason:
      'the Swagger document gives API_Entities_Ci_Job as the 200 schema; the endpoint returns the raw job log as text/plain (GITLAB.md §1.5 "Job log … text/plain")',
  },
  {
    id: 'GL-EP-3',
    endpoint: 'POST /projects/{id}/pipelines/{pipeline_id}/cancel',
    schema: 'response',
    path: '$',
    change: { acceptStatus: 200, as: 201 },
    reason:
      'the Swagger document lists only 201; GitLab documents and returns 200 "regardless of the pipeline\'s state" (GITLAB.md §1.5, issue 414963). The body is the same Pipeline entity',
  },
];

// GitLab's JSON-schema contracts are older revisions with `additionalProperties: false` (GITLAB.md §6.1). Newer fields
// that the current entity exposes (and the current Swagger definition lists) are allowed by name.
const gitlabContract = [
  {
    id: 'GL-CT-1',
    endpoint: '*',
    schema: 'contract:pipeline/basic.json',
    path: '$',
    change: {
      allowProperties: {
        iid: { type: 'integer' },
        project_id: { type: 'integer' },
        source: { type: 'string' },
        name: { type: ['string', 'null'] },
        web_url: { type: 'string' },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
      },
    },
    reason:
      'bundled pipeline/basic.json lists only id/sha/ref/status with additionalProperties:false; the current PipelineBasic (OAS API_Entities_Ci_PipelineBasic, GITLAB.md §1.2) also has iid, project_id, source, name, web_url, created_at, updated_at',
  },
  {
    id: 'GL-CT-2',
    endpoint: '*',
    schema: 'contract:environment.json',
    path: '$',
    change: {
      allowProperties: {
        description: { type: ['string', 'null'] },
        auto_stop_at: { type: ['string', 'null'], format: 'date-time' },
        auto_stop_setting: { type: 'string' },
        kubernetes_namespace: { type: ['string', 'null'] },
        flux_resource_path: { type: ['string', 'null'] },
        cluster_agent: { anyOf: [{ type: 'null' }, { $ref: 'https://gitlab.com/gitlab-org/gitlab/-/raw/master/doc/api/openapi/openapi_v2.yaml#/definitions/API_Entities_Clusters_Agent' }] },
      },
    },
    reason:
      'bundled environment.json predates auto_stop_at, description, auto_stop_setting, kubernetes_namespace, flux_resource_path and cluster_agent, all in the current entity (OAS API_Entities_Environment, GITLAB.md §2.1)',
  },
];

// Ids of the per-field entries name their target: 'null:Ci_Job.started_at' = API_Entities_Ci_Job, $.started_at.
const fieldId = (kind, schema, path) => `${kind}:${schema.replace(/^API_Entities_/, '')}${path.slice(1)}`;
const fieldEntries = (kind, rows, make) => rows.map((row) => ({ id: fieldId(kind, row[0], row[1]), ...make(...row) }));

export const EXCEPTIONS = [
  {
    id: 'GL-FMT-1',
    api: 'gitlab',
    endpoint: '*',
    schema: '(format)',
    path: '(every `format: int32` / `int64`)',
    change: { format: 'int32' },
    reason:
      'grape-swagger labels every Integer exposure int32, but gitlab.com job/pipeline ids exceed 2^31; int32/int64 are checked as integers without a range',
  },
  ...fieldEntries('null', gitlabNullable, (schema, path, reason) => ({
    api: 'gitlab', endpoint: '*', schema, path, change: { nullable: true }, reason,
  })),
  ...fieldEntries('type', gitlabRetyped, (schema, path, retype, reason) => ({
    api: 'gitlab', endpoint: '*', schema, path, change: { retype }, reason,
  })),
  ...fieldEntries('array', gitlabArrays, (schema, path, reason) => ({
    api: 'gitlab', endpoint: '*', schema, path, change: { arrayOf: true }, reason,
  })),
  ...gitlabEndpoint.map((e) => ({ api: 'gitlab', ...e })),
  ...gitlabContract.map((e) => ({ api: 'gitlab', ...e })),

  // ----------------------------------------------------------------------------------------------------------------
  // Sentry — OpenAPI 3.0.3 (api/sentry/openapi-derefed.json)
  // ----------------------------------------------------------------------------------------------------------------
  {
    id: 'SE-EP-1',
    api: 'sentry',
    endpoint: 'POST /organizations/{organization_id_or_slug}/releases/',
    schema: 'response 201',
    path: '$',
    change: { acceptStatus: 208, as: 201 },
    reason:
      'the schema documents 208 "Already Reported" without content; Sentry returns the serialized existing release with it (organization_releases.py: Response(serialize(release, …), status=208); SENTRY.md §3.2)',
  },
  ...[
    ['GET /organizations/{organization_id_or_slug}/releases/', 'response 200', '$[*].lastDeploy.name'],
    ['GET /organizations/{organization_id_or_slug}/releases/{version}/', 'response 200', '$.lastDeploy.name'],
    ['POST /organizations/{organization_id_or_slug}/releases/', 'response 201', '$.lastDeploy.name'],
  ].map(([endpoint, schema, path], i) => ({
    id: `SE-NULL-${String(i + 1).padStart(2, '0')}`,
    api: 'sentry',
    endpoint,
    schema,
    path,
    change: { nullable: true },
    reason:
      'lastDeploy is the serialized Deploy, whose name is optional and null when not given (the schema\'s own Deploy responses declare name nullable; api-docs/paths/releases/deploys.json example "name": null; SENTRY.md §3.4)',
  })),
];

// ------------------------------------------------------------------------------------------------------------------
// TIGHTENINGS (the opposite of exceptions): GitLab's Swagger definitions declare no `required` at all, so `{}` would
// pass every GitLab schema. These fields are required in addition, each one named by GITLAB.md as part of the
// response (its "Response:" / entity field lists) and read by Shipdeck. Sentry's schema has `required` lists of its own.
// ------------------------------------------------------------------------------------------------------------------
export const REQUIRED = [
  ['API_Entities_ProjectWithAccess', ['id', 'name', 'path', 'path_with_namespace', 'default_branch', 'web_url'], 'GET /projects/:id (§5.6)'],
  ['API_Entities_Ci_PipelineBasic', ['id', 'iid', 'project_id', 'status', 'source', 'ref', 'sha', 'web_url', 'created_at', 'updated_at'], 'GITLAB.md §1.2 PipelineBasic'],
  ['API_Entities_Ci_PipelineWithMetadata', ['id', 'iid', 'project_id', 'status', 'source', 'ref', 'sha', 'web_url', 'created_at', 'updated_at', 'before_sha', 'tag', 'user', 'started_at', 'finished_at', 'duration', 'detailed_status'], 'GITLAB.md §1.3 Pipeline'],
  ['API_Entities_Ci_Pipeline', ['id', 'iid', 'project_id', 'status', 'source', 'ref', 'sha', 'web_url', 'created_at', 'updated_at'], 'GITLAB.md §1.5 (retry/cancel return the Pipeline)'],
  ['API_Entities_Ci_Job', ['id', 'status', 'stage', 'name', 'ref', 'tag', 'allow_failure', 'created_at', 'started_at', 'finished_at', 'duration', 'pipeline', 'web_url', 'commit'], 'GITLAB.md §1.4 Job'],
  ['API_Entities_Ci_JobBasic', ['id', 'status', 'stage', 'name', 'ref', 'pipeline', 'web_url'], 'GITLAB.md §1.5 play → Job'],
  ['API_Entities_Environment', ['id', 'name', 'slug', 'external_url', 'state', 'tier', 'created_at', 'updated_at'], 'GITLAB.md §2.1 (and contract environment.json)'],
  ['API_Entities_Deployment', ['id', 'iid', 'ref', 'sha', 'created_at', 'updated_at', 'user', 'environment', 'deployable', 'status'], 'GITLAB.md §2.2 Deployment'],
  ['API_Entities_DeploymentExtended', ['id', 'iid', 'ref', 'sha', 'created_at', 'updated_at', 'user', 'environment', 'deployable', 'status'], 'GITLAB.md §2.2 Deployment'],
  // (milestones is exposed only when the release has some: `if: -> { release.milestones.present? }`, so not required)
  ['API_Entities_Release', ['name', 'tag_name', 'created_at', 'released_at', 'author', 'commit', 'assets', '_links'], 'GITLAB.md §4.1 Release'],
  ['API_Entities_FreezePeriod', ['id', 'freeze_start', 'freeze_end', 'cron_timezone', 'created_at', 'updated_at'], 'GITLAB.md §3 (and contract freeze_period.json)'],
  ['API_Entities_Compare', ['commit', 'commits', 'diffs', 'compare_timeout', 'compare_same_ref', 'web_url'], 'GITLAB.md §4.4 Compare'],
  ['API_Entities_MergeRequestBasic', ['id', 'iid', 'project_id', 'title', 'state', 'created_at', 'updated_at', 'merged_at', 'target_branch', 'source_branch', 'author', 'sha', 'merge_commit_sha', 'web_url'], 'GITLAB.md §4.5 MRs'],
  ['API_Entities_Changelog', ['notes'], 'GITLAB.md §4.3 {"notes": "<markdown>"}'],
];
