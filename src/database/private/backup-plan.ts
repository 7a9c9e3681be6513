import { Annotations, ArnFormat, Aws, CfnRule, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { companionStack } from '../../private/companion-stack';
import { checkBackupVaultName, checkDuration, checkRegion } from '../../private/input-rules';
import { acknowledgeNag } from '../../private/nag';
import { stackUniqueName } from '../../private/physical-name';
import { checkInteger, invalidProp } from '../../private/validation';
import { BackupCopy, DatabaseBackupPlanOptions } from '../backup';

/** What `createBackupPlan` built. */
export interface CreatedBackupPlan {
  readonly plan: backup.BackupPlan;
  readonly vault: backup.IBackupVault;
  /** The companion stack holding the copy's destination vault, with `BackupCopy.toRegion`. */
  readonly copyStack?: Stack;
}

/**
 * Creates an AWS Backup plan (and vault) under `scope` for `resource` (an Aurora cluster or an RDS
 * instance): a daily rule, an optional weekly rule, and an optional copy to a vault in another region.
 * A copy to the stack's own region is refused at synth time when both regions are known, and by a
 * CloudFormation rule at deploy time when the stack's region is not.
 */
export function createBackupPlan(
  scope: Construct, resource: backup.BackupResource, options: DatabaseBackupPlanOptions, defaultDeleteAfter: Duration,
): CreatedBackupPlan {
  const stack = Stack.of(scope);
  const copy = options.copy;
  checkDuration(scope, 'backupPlan.deleteAfter', options.deleteAfter, { unit: 'days' });
  checkDuration(scope, 'backupPlan.copy deleteAfter', copy?.deleteAfter, { unit: 'days' });
  checkBackupVaultName(scope, 'backupPlan.copy vaultName', copy?.vaultName);
  const arn = copy?.vaultArn;
  if (arn !== undefined && !Token.isUnresolved(arn) && !/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_-]{2,50}$/.test(arn)) {
    invalidProp(scope, 'backupPlan.copy vaultArn', arn, 'must be a backup vault ARN (arn:aws:backup:<region>:<account>:backup-vault:<name>)');
  }
  if (copy?.region && !Token.isUnresolved(copy.region)) {
    checkRegion(scope, 'backupPlan.copy region', copy.region);
    if (!Token.isUnresolved(stack.region) && copy.region === stack.region) {
      invalidProp(scope, 'backupPlan.copy region', copy.region, `must be a region other than the stack's own (${stack.region}): a copy in the same region does not survive a regional outage`);
    }
  }
  checkInteger(scope, 'backupPlan.weekly.keepWeeks', options.weekly?.keepWeeks, 1, 520);

  const vault = options.vault ?? new backup.BackupVault(scope, 'BackupVault', {
    // A vault that holds recovery points cannot be deleted, so it is kept in every profile.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const deleteAfter = options.deleteAfter ?? defaultDeleteAfter;
  const weeklyDeleteAfter = options.weekly ? Duration.days(options.weekly.keepWeeks * 7) : undefined;
  let destination: backup.IBackupVault | undefined;
  let copyStack: Stack | undefined;
  if (copy) {
    const created = copy.vaultName !== undefined ? destinationVault(scope, copy) : undefined;
    copyStack = created?.stack;
    const destinationArn = copy.vaultArn ?? stack.formatArn({
      service: 'backup',
      region: copy.region,
      resource: 'backup-vault',
      resourceName: created?.physicalName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const destinationAccount = copy.vaultArn && !Token.isUnresolved(copy.vaultArn) ? copy.vaultArn.split(':')[4] : undefined;
    if (destinationAccount && !Token.isUnresolved(stack.account) && destinationAccount !== stack.account) {
      // Same-account copies need nothing more: the key policy delegates to IAM and the backup role's managed policy
      // grants the KMS actions. Another account, though, must be allowed to use the cluster's key.
      Annotations.of(scope).addWarningV2('cdk-webapp-patterns:backupCopyCrossAccountKey',
        `backupPlan.copy goes to account ${destinationAccount}: the copy jobs fail unless the key policy of the cluster's KMS key `
        + 'lets that account use it (encryptionKey.addToResourcePolicy; see AWS Backup\'s cross-account copy documentation)');
    }
    destination = backup.BackupVault.fromBackupVaultArn(scope, 'CopyDestinationVault', destinationArn);
    if (copy.region && !Token.isUnresolved(copy.region) && Token.isUnresolved(stack.region)) {
      new CfnRule(scope, 'BackupCopyRegionRule', {
        assertions: [{
          assert: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, copy.region)),
          assertDescription: `backupPlan.copy must go to a region other than the stack's own; both are ${copy.region}`,
        }],
      });
    }
  }
  // copy.deleteAfter is the daily copies' retention; the weekly copies live as long as the weekly backups
  // (a shorter copy retention would silently drop the weekly copies the weekly rule exists for).
  const copyActions = (keep: Duration): backup.BackupPlanCopyActionProps[] | undefined =>
    (destination ? [{ destinationBackupVault: destination, deleteAfter: keep }] : undefined);

  const plan = new backup.BackupPlan(scope, 'BackupPlan', {
    // Unique per database and stack: backup plan names are unique in an account and region, and two
    // databases in one stack (or two Stages of one app) would otherwise collide.
    backupPlanName: stackUniqueName(scope, { maxLength: 50 }),
    backupVault: vault,
  });
  plan.addRule(new backup.BackupPlanRule({
    ruleName: 'Scheduled',
    scheduleExpression: options.schedule ?? events.Schedule.cron({ minute: '0', hour: '5' }),
    deleteAfter,
    copyActions: copyActions(copy?.deleteAfter ?? deleteAfter),
  }));
  if (options.weekly && weeklyDeleteAfter) {
    plan.addRule(new backup.BackupPlanRule({
      ruleName: 'Weekly',
      scheduleExpression: options.weekly.schedule ?? events.Schedule.cron({ minute: '0', hour: '5', weekDay: 'SUN' }),
      deleteAfter: weeklyDeleteAfter,
      copyActions: copyActions(weeklyDeleteAfter),
    }));
  }
  const selection = plan.addSelection('Selection', { resources: [resource] });
  acknowledgeNag(selection, [
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]', reason: 'AWSBackupServiceRolePolicyForBackup is the policy AWS Backup documents for its service role; AWS scopes it to backup actions.' },
  ]);
  return { plan, vault, copyStack };
}

/**
 * Creates the destination vault of `BackupCopy.toRegion` (once per stack, region and name), with its own
 * rotating key, in the companion stack of that region, which the database's stack then depends on.
 * The vault's physical name is `vaultName` followed by the companion stack's name (vault names are
 * unique per account and region: two Stages of one app must not claim the same one).
 */
function destinationVault(scope: Construct, copy: BackupCopy): { readonly stack: Stack; readonly physicalName: string } {
  const stack = Stack.of(scope);
  const region = copy.region!;
  const vaultName = copy.vaultName!;
  if (Token.isUnresolved(stack.region)) {
    invalidProp(scope, 'the stack\'s env.region', undefined,
      'must be set (e.g. \'ap-northeast-1\') with backupPlan.copy BackupCopy.toRegion: its vault is created in a companion stack named after the stack\'s region; use BackupCopy.toVaultArn for a vault you create yourself');
  }
  if (Token.isUnresolved(region) || Token.isUnresolved(vaultName)) {
    invalidProp(scope, 'backupPlan.copy', `${region}/${vaultName}`, 'must name its region and vault literally with BackupCopy.toRegion (the companion stack is named after them); use BackupCopy.toVaultArn for a token');
  }
  const companion = companionStack(scope, {
    region,
    idPrefix: `BackupCompanion${region.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('')}`,
    nameSuffix: '-Backup',
    description: `AWS Backup copy vaults in ${region} of the cdk-webapp-patterns databases of %s`,
    ownerLabel: 'the database stack\'s id',
    alternative: 'or use BackupCopy.toVaultArn with a vault of your own',
    crossRegionReferences: false,
  });
  const existing = companion.node.tryFindChild(vaultName);
  const holder = existing ?? new Construct(companion, vaultName);
  // `<vaultName>-<companion stack name>` names the stack (and so the Stage) it belongs to; past AWS Backup's
  // 50 characters it is shortened with a hash, which the deploy-readiness check cannot tell from a fixed name.
  const readable = `${vaultName}-${companion.stackName}`;
  const physicalName = readable.length <= 50 ? readable : stackUniqueName(holder, { prefix: `${vaultName}-`, maxLength: 50 });
  if (!existing) {
    const key = new kms.Key(holder, 'Key', {
      description: `Encrypts the AWS Backup vault ${vaultName}, the cross-region copies of ${stack.stackName}'s databases`,
      enableKeyRotation: true,
      // The copies are unreadable without it; a vault holding recovery points cannot be deleted either.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new backup.BackupVault(holder, 'Vault', { backupVaultName: physicalName, encryptionKey: key, removalPolicy: RemovalPolicy.RETAIN });
  }
  // The vault exists before the first copy job: the database's stack deploys after its companion.
  let owner = stack;
  while (owner.nestedStackParent) owner = owner.nestedStackParent;
  owner.addStackDependency(companion, `the backup copy vault ${physicalName} in ${region}`);
  return { stack: companion, physicalName };
}
