import { z } from 'zod';

/**
 * `project.yaml`: the one file, besides schemas/ and environments/, another
 * organisation edits to adopt this engine.
 */
export const ProjectConfigFile = z.strictObject({
  $schema: z.string().optional(),
  organisation: z.string().min(1).describe('Shown in generated documents'),
  apiGroup: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/)
    .describe('API group of the XRDs, e.g. platform.example.com'),
  mandatoryTags: z.array(z.string().min(1)).optional()
    .describe('Tag keys every environment must set. @default Environment, Project, Owner, CostCenter, ManagedBy, BackupPolicy, Component'),
  backupSelectionTag: z.strictObject({ key: z.string().min(1), value: z.string().min(1) }).optional()
    .describe('Tag that puts a table into its environment\'s backup plan. @default BackupPlan=<env>-dynamodb'),
  repository: z.strictObject({
    url: z.string().min(1).describe('Git URL Argo CD reads'),
    revision: z.string().min(1).describe('Branch Argo CD tracks'),
    path: z.string().optional().describe('Folder holding dist/ within the repository. @default repository root'),
  }),
  argocd: z.strictObject({
    namespace: z.string().optional().describe('@default argocd'),
    project: z.string().min(1).describe('AppProject name'),
    destinationServer: z.string().optional().describe('@default https://kubernetes.default.svc'),
  }),
  crossplane: z.strictObject({
    functionPackage: z.string().optional()
      .describe('@default xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.8'),
  }).optional(),
  docs: z.strictObject({
    purpose: z.string().optional().describe('One paragraph on what the tables are for'),
  }).optional(),
});

export type ProjectConfig = z.infer<typeof ProjectConfigFile>;

export const DEFAULT_MANDATORY_TAGS = [
  'Environment', 'Project', 'Owner', 'CostCenter', 'ManagedBy', 'BackupPolicy', 'Component',
] as const;

export const DEFAULT_FUNCTION_PACKAGE = 'xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.10.8';

/** Key of the tag that puts a table into its environment's backup plan when project.yaml names none. */
export const DEFAULT_BACKUP_SELECTION_TAG_KEY = 'BackupPlan';
