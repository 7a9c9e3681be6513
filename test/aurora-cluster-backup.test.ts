import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import { build, onlyResource, TOKYO } from './aurora-cluster-fixture';
import { acknowledgedReasons, expectNagClean } from './nag';
import { AuroraCluster, BackupCopy, DatabaseEngine, EnvironmentProfile, NatStrategy, SecureVpc } from '../src';

describe('AuroraCluster AWS Backup plan', () => {
  test('none by default', () => {
    const { template, database } = build();
    template.resourceCountIs('AWS::Backup::BackupPlan', 0);
    expect(database.backupPlan).toBeUndefined();
  });

  test('a daily plan keeping backups as long as the cluster does, into a retained vault, selecting the cluster', () => {
    const { template, database } = build({ backupPlan: {} });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanName: Match.stringLikeRegexp('^Stack-[0-9a-f]{8}$'),
        BackupPlanRule: [Match.objectLike({ ScheduleExpression: 'cron(0 5 * * ? *)', Lifecycle: { DeleteAfterDays: 7 }, CopyActions: Match.absent() })],
      },
    });
    template.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
    const cluster = onlyResource(template, 'AWS::RDS::DBCluster').logicalId;
    template.hasResourceProperties('AWS::Backup::BackupSelection', {
      BackupSelection: Match.objectLike({ Resources: [{ 'Fn::Join': ['', Match.arrayWith([{ Ref: cluster }])] }] }),
    });
    expect(database.backupPlan).toBeDefined();
    expect(database.backupVault).toBeDefined();
    expectNagClean(database);
  });

  test('schedule and deleteAfter', () => {
    const { template } = build({
      backupPlan: { schedule: events.Schedule.cron({ minute: '0', hour: '3', weekDay: 'SUN' }), deleteAfter: Duration.days(90) },
    });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 90 } })] },
    });
  });

  test('vault: the given vault, no new one', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: TOKYO });
    const network = new SecureVpc(stack, 'Network', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'] });
    const vault = backup.BackupVault.fromBackupVaultName(stack, 'Vault', 'existing');
    new AuroraCluster(stack, 'Database', { vpc: network.vpc, backupPlan: { vault } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Backup::BackupVault', 0);
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ TargetBackupVault: 'existing' })] },
    });
  });

  test('reference E: a copy to a named vault in another region, ARN built without lookups', () => {
    const { template, database } = build({ engine: DatabaseEngine.auroraMysql(), backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [Match.objectLike({
          CopyActions: [{
            DestinationBackupVaultArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':backup:ap-northeast-3:111111111111:backup-vault:dr-vault-Stack-ap-northeast-1-Backup']] },
            Lifecycle: { DeleteAfterDays: 7 },
          }],
        })],
      },
    });
    expectNagClean(database);
  });

  test('a copy to a vault ARN, kept for its own period', () => {
    const arn = 'arn:aws:backup:us-west-2:222222222222:backup-vault:central';
    const { template } = build({ backupPlan: { copy: BackupCopy.toVaultArn(arn, { deleteAfter: Duration.days(60) }) } });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: [Match.objectLike({ CopyActions: [{ DestinationBackupVaultArn: arn, Lifecycle: { DeleteAfterDays: 60 } }] })] },
    });
    expect(BackupCopy.toVaultArn(arn).region).toBe('us-west-2');
  });

  test('the copy period applies to the daily copies; the weekly copies live as long as the weekly backups', () => {
    const arn = 'arn:aws:backup:us-west-2:222222222222:backup-vault:central';
    const { template } = build({ backupPlan: { weekly: { keepWeeks: 12 }, copy: BackupCopy.toVaultArn(arn, { deleteAfter: Duration.days(14) }) } });
    const rules = (Object.values(template.findResources('AWS::Backup::BackupPlan'))[0] as any).Properties.BackupPlan.BackupPlanRule;
    const copyDays = Object.fromEntries(rules.map((r: any) => [r.RuleName, r.CopyActions[0].Lifecycle.DeleteAfterDays]));
    expect(copyDays).toEqual({ Scheduled: 14, Weekly: 84 });
  });

  test('a same-account cross-region copy needs no key-policy change: the key defers to IAM and the backup role has the AWS Backup policy', () => {
    const { template, stack } = build({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.properties.KeyPolicy.Statement).toContainEqual({
      Action: 'kms:*',
      Effect: 'Allow',
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
      Resource: '*',
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'backup.amazonaws.com' } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup']] }],
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('backupPlan.copy'))).toEqual([]);
  });

  test('a copy to another account warns that the key policy must let that account use the key', () => {
    const copy = BackupCopy.toVaultArn('arn:aws:backup:us-west-2:222222222222:backup-vault:central');
    const { stack } = build({ backupPlan: { copy } });
    Annotations.fromStack(stack).hasWarning('/Stack/Database', Match.stringLikeRegexp(
      "backupPlan.copy goes to account 222222222222: the copy jobs fail unless the key policy of the cluster's KMS key lets that account use it",
    ));
  });

  test('in a region-agnostic stack, a CloudFormation rule refuses a copy to the deploy region', () => {
    const { template } = build({ backupPlan: { copy: BackupCopy.toVaultArn('arn:aws:backup:us-west-2:111111111111:backup-vault:dr') } }, {});
    const rules = Object.entries(template.toJSON().Rules ?? {}).filter(([id]) => id.startsWith('DatabaseBackupCopyRegionRule'));
    expect(rules.map(([, rule]) => rule)).toEqual([{
      Assertions: [{
        Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-west-2'] }] },
        AssertDescription: "backupPlan.copy must go to a region other than the stack's own; both are us-west-2",
      }],
    }]);
  });

  test('no such rule when the stack region is known', () => {
    const { template } = build({ backupPlan: { copy: BackupCopy.toRegion('us-west-2', 'dr') } });
    expect(Object.keys(template.toJSON().Rules ?? {}).filter((id) => id.startsWith('Database'))).toEqual([]);
  });
});

describe('AuroraCluster backup copy vault created by the app', () => {
  test('BackupCopy.toRegion creates the vault, with its own rotating retained key, in a companion stack of that region that deploys first', () => {
    const { app, stack, database } = build({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
    const companion = database.backupCopyStack!;
    expect(companion.region).toBe('ap-northeast-3');
    expect(companion.account).toBe('111111111111');
    expect(companion.stackName).toBe('Stack-ap-northeast-1-Backup');
    expect(companion.node.id).toBe('BackupCompanionApNortheast3Stack');
    expect(stack.dependencies).toContain(companion);
    const template = Template.fromStack(companion);
    const key = onlyResource(template, 'AWS::KMS::Key');
    expect(key.properties.EnableKeyRotation).toBe(true);
    expect(key.resource.DeletionPolicy).toBe('Retain');
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: { BackupVaultName: 'dr-vault-Stack-ap-northeast-1-Backup', EncryptionKeyArn: { 'Fn::GetAtt': [key.logicalId, 'Arn'] } },
    });
    // The copy rule of the database's plan points at that vault by the same name.
    const vaultName = onlyResource(template, 'AWS::Backup::BackupVault').properties.BackupVaultName as string;
    expect(JSON.stringify(Template.fromStack(stack).findResources('AWS::Backup::BackupPlan'))).toContain(`backup-vault:${vaultName}`);
    expect(app.node.children.filter((c) => c instanceof Stack)).toHaveLength(2);
  });

  test('two databases of a stack copying to the same region and vault share one companion and one vault', () => {
    const { stack, database } = build({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } }, TOKYO, (s, first) => {
      new AuroraCluster(s, 'Other', { vpc: first.cluster.vpc, backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
    });
    const other = stack.node.findChild('Other') as AuroraCluster;
    expect(other.backupCopyStack).toBe(database.backupCopyStack);
    Template.fromStack(database.backupCopyStack!).resourceCountIs('AWS::Backup::BackupVault', 1);
  });

  test('two Stages of one app name their copy vaults apart (vault names are unique per account and region)', () => {
    const app = new App();
    const names = ['Blue', 'Green'].map((id) => {
      const stage = new Stage(app, id);
      const stack = new Stack(stage, 'Stack', { env: TOKYO });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      const db = new AuroraCluster(stack, 'Database', { vpc, backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
      return onlyResource(Template.fromStack(db.backupCopyStack!), 'AWS::Backup::BackupVault').properties.BackupVaultName as string;
    });
    expect(names[0]).not.toBe(names[1]);
    for (const n of names) expect(n).toMatch(/^dr-vault-[A-Za-z0-9_-]+$/);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(50);
  });

  test('a vault ARN creates no companion', () => {
    const { app, database } = build({ backupPlan: { copy: BackupCopy.toVaultArn('arn:aws:backup:us-west-2:111111111111:backup-vault:mine') } });
    expect(database.backupCopyStack).toBeUndefined();
    expect(app.node.children.filter((c) => c instanceof Stack)).toHaveLength(1);
  });

  test('a companion stack passes cdk-nag', () => {
    const { database } = build({ backupPlan: { copy: BackupCopy.toRegion('ap-northeast-3', 'dr-vault') } });
    expectNagClean(database.backupCopyStack!);
  });
});

describe('AuroraCluster weekly backups', () => {
  test('a second rule on Sundays kept the given number of weeks, copied for as long', () => {
    const { template } = build({ backupPlan: { weekly: { keepWeeks: 4 }, copy: BackupCopy.toRegion('ap-northeast-3', 'dr') } });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Scheduled', Lifecycle: { DeleteAfterDays: 7 }, CopyActions: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 7 } })] }),
          Match.objectLike({
            RuleName: 'Weekly',
            ScheduleExpression: 'cron(0 5 ? * SUN *)',
            Lifecycle: { DeleteAfterDays: 28 },
            CopyActions: [Match.objectLike({ Lifecycle: { DeleteAfterDays: 28 } })],
          }),
        ],
      },
    });
  });

  test('its own schedule', () => {
    const { template } = build({ backupPlan: { weekly: { keepWeeks: 12, schedule: events.Schedule.cron({ minute: '30', hour: '2', weekDay: 'SAT' }) } } });
    template.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: { BackupPlanRule: Match.arrayWith([Match.objectLike({ RuleName: 'Weekly', ScheduleExpression: 'cron(30 2 ? * SAT *)', Lifecycle: { DeleteAfterDays: 84 } })]) },
    });
  });
});

describe('AuroraCluster credential rotation', () => {
  test('hosted single-user rotation for PostgreSQL on the schedule, from the application subnets', () => {
    const { template, database } = build({ rotation: { schedule: Duration.days(30) } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({
        RotationType: 'PostgreSQLSingleUser',
        VpcSubnetIds: { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet1') }, ',', { Ref: Match.stringLikeRegexp('NetworkVpcApplicationSubnet2') }]] },
      }),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, Description: 'Password rotation Lambda' });
    expect(database.rotationSchedule).toBeDefined();
    expectNagClean(database);
  });

  test('prod rotates every 30 days by default; { enabled: false } turns it off', () => {
    const prod = build({ profile: EnvironmentProfile.prod() });
    prod.template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    expect(prod.database.rotationSchedule).toBeDefined();
    expect(acknowledgedReasons(prod.template, 'AwsSolutions-SMG4')).toEqual([]);
    expectNagClean(prod.database);

    const off = build({ profile: EnvironmentProfile.prod(), rotation: { enabled: false } });
    off.template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
    expectNagClean(off.database);
  });

  test('a schedule without rotation is refused', () => {
    expect(() => build({ rotation: { enabled: false, schedule: Duration.days(7) } }))
      .toThrow("AuroraCluster 'Stack/Database': rotation.enabled false and rotation.schedule cannot be combined");
  });

  test('a rotation without a schedule rotates every 30 days', () => {
    const { template } = build({ rotation: {} });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
  });

  test('the SMG4 and NIST rotation acknowledgements say why the password does not rotate in this configuration', () => {
    const reasonsOf = (template: any) => [
      ...acknowledgedReasons(template, 'AwsSolutions-SMG4', 'AWS::SecretsManager::Secret'),
      ...acknowledgedReasons(template, 'NIST.800.53.R5-SecretsManagerRotationEnabled', 'AWS::SecretsManager::Secret'),
    ];
    const why = (template: any) => {
      const reasons = reasonsOf(template);
      expect(reasons).toHaveLength(2);
      expect(reasons[0]).toBe(reasons[1]);
      return /does not rotate \((.*)\); applications can use IAM/.exec(reasons[0])![1];
    };
    expect(why(build().template)).toBe('no rotation prop; rotation is on by default with the prod profile only');
    expect(why(build({ profile: EnvironmentProfile.staging() }).template)).toBe('no rotation prop with the staging profile; rotation is on by default with the prod profile only');
    expect(why(build({ profile: EnvironmentProfile.prod(), rotation: { enabled: false } }).template)).toBe('rotation: { enabled: false }');

    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'ap-northeast-1' } });
    const network = new SecureVpc(stack, 'Network', {
      availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], natStrategy: NatStrategy.none(), endpoints: { containerImagePull: true },
    });
    new AuroraCluster(stack, 'Database', { vpc: network.vpc, profile: EnvironmentProfile.prod() });
    expect(why(Template.fromStack(stack))).toMatch(/^the prod profile rotates only in a VPC with private subnets with egress, and this VPC has none/);
    expect(reasonsOf(build({ rotation: { schedule: Duration.days(7) } }).template)).toEqual([]);
  });

  test('MySQL rotation in subnets of your choice', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql(), rotation: { schedule: Duration.days(7), vpcSubnets: { subnetGroupName: 'Data' } } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({
        RotationType: 'MySQLSingleUser',
        VpcSubnetIds: { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet1') }, ',', { Ref: Match.stringLikeRegexp('NetworkVpcDataSubnet2') }]] },
      }),
      RotationRules: { ScheduleExpression: 'rate(7 days)' },
    });
  });
});
