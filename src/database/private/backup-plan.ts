import { Annotations, ArnFormat, Aws, CfnRule, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledgeNag } from '../../private/nag';
import { stackUniqueName } from '../../private/physical-name';
import { invalidProp } from '../../private/validation';
import { AuroraBackupPlanOptions } from '../backup';

/** What `createBackupPlan` built. */
export interface CreatedBackupPlan {
  readonly plan: backup.BackupPlan;
  readonly vault: backup.IBackupVault;
}

/**
 * Creates an AWS Backup plan (and vault) under `scope` for `cluster`, with an optional copy to a
 * vault in another region. A copy to the stack's own region is refused at synth time when both
 * regions are known, and by a CloudFormation rule at deploy time when the stack's region is not.
 */
export function createBackupPlan(
  scope: Construct, cluster: rds.DatabaseCluster, options: AuroraBackupPlanOptions, defaultDeleteAfter: Duration,
): CreatedBackupPlan {
  const stack = Stack.of(scope);
  const copy = options.copy;
  if (copy?.region && !Token.isUnresolved(copy.region)) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(copy.region)) {
      invalidProp(scope, 'backupPlan.copy region', copy.region, 'must be an AWS region name such as \'us-west-2\'');
    }
    if (!Token.isUnresolved(stack.region) && copy.region === stack.region) {
      invalidProp(scope, 'backupPlan.copy region', copy.region, `must be a region other than the stack's own (${stack.region}): a copy in the same region does not survive a regional outage`);
    }
  }

  const vault = options.vault ?? new backup.BackupVault(scope, 'BackupVault', {
    // A vault that holds recovery points cannot be deleted, so it is kept in every profile.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const deleteAfter = options.deleteAfter ?? defaultDeleteAfter;
  const copyActions: backup.BackupPlanCopyActionProps[] = [];
  if (copy) {
    const destinationArn = copy.vaultArn ?? stack.formatArn({
      service: 'backup',
      region: copy.region,
      resource: 'backup-vault',
      resourceName: copy.vaultName,
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
    copyActions.push({
      destinationBackupVault: backup.BackupVault.fromBackupVaultArn(scope, 'CopyDestinationVault', destinationArn),
      deleteAfter: copy.deleteAfter ?? deleteAfter,
    });
    if (copy.region && !Token.isUnresolved(copy.region) && Token.isUnresolved(stack.region)) {
      new CfnRule(scope, 'BackupCopyRegionRule', {
        assertions: [{
          assert: Fn.conditionNot(Fn.conditionEquals(Aws.REGION, copy.region)),
          assertDescription: `backupPlan.copy must go to a region other than the stack's own; both are ${copy.region}`,
        }],
      });
    }
  }

  const plan = new backup.BackupPlan(scope, 'BackupPlan', {
    // Unique per cluster and stack: backup plan names are unique in an account and region.
    backupPlanName: stackUniqueName(scope, { maxLength: 50 }),
    backupVault: vault,
  });
  plan.addRule(new backup.BackupPlanRule({
    ruleName: 'Scheduled',
    scheduleExpression: options.schedule ?? events.Schedule.cron({ minute: '0', hour: '5' }),
    deleteAfter,
    copyActions: copyActions.length > 0 ? copyActions : undefined,
  }));
  const selection = plan.addSelection('Selection', {
    resources: [backup.BackupResource.fromRdsDatabaseCluster(cluster)],
  });
  acknowledgeNag(selection, [
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]', reason: 'AWSBackupServiceRolePolicyForBackup is the policy AWS Backup documents for its service role; AWS scopes it to backup actions.' },
  ]);
  return { plan, vault };
}
