import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { build } from './aurora-cluster-fixture';
import { expectNagClean } from './nag';
import { DatabaseCapacity, DatabaseEngine, EnvironmentProfile } from '../src';

function provisioned(instanceClass: ec2.InstanceClass, size: ec2.InstanceSize): DatabaseCapacity {
  return DatabaseCapacity.provisioned({ instanceType: ec2.InstanceType.of(instanceClass, size) });
}

describe('AuroraCluster monitoring', () => {
  test('monitoring: Performance Insights off', () => {
    const { template } = build({ monitoring: { performanceInsights: false } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: false });
    template.hasResourceProperties('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: Match.absent() });
  });

  test('monitoring: advanced Database Insights keeps 15 months of history', () => {
    const { template } = build({ monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } });
    template.hasResourceProperties('AWS::RDS::DBCluster', { DatabaseInsightsMode: 'advanced', PerformanceInsightsRetentionPeriod: 465 });
  });

  test('monitoring: advanced Database Insights turns Performance Insights on, even with the dev profile', () => {
    const { template } = build({ profile: EnvironmentProfile.dev(), monitoring: { databaseInsightsMode: rds.DatabaseInsightsMode.ADVANCED } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { EnablePerformanceInsights: true, PerformanceInsightsRetentionPeriod: 465 });
  });

  test('monitoring: enhanced monitoring interval (and cdk-nag clean with its role)', () => {
    const { template, database } = build({ monitoring: { enhancedMonitoringInterval: Duration.seconds(30) } });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 30, MonitoringRoleArn: Match.anyValue() });
    expectNagClean(database);
  });

  test('Aurora MySQL on db.t4g.medium keeps Performance Insights on (reference E)', () => {
    const { template } = build({ engine: DatabaseEngine.auroraMysql(), capacity: provisioned(ec2.InstanceClass.T4G, ec2.InstanceSize.MEDIUM) });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t4g.medium', EnablePerformanceInsights: true });
  });

  test.each([
    ['db.t3.medium', ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM],
    ['db.t3.large', ec2.InstanceClass.T3, ec2.InstanceSize.LARGE],
  ])('Aurora MySQL on %s, which cannot run it, leaves Performance Insights off (and stays cdk-nag clean)', (instanceClassName, instanceClass, size) => {
    const { template, database } = build({ engine: DatabaseEngine.auroraMysql(), capacity: provisioned(instanceClass, size), readers: 1 });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: instanceClassName, EnablePerformanceInsights: false });
    template.hasResourceProperties('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: Match.absent(), PerformanceInsightsKmsKeyId: Match.absent() });
    expectNagClean(database);
  });

  test('Aurora PostgreSQL on db.t3.medium keeps Performance Insights on', () => {
    const { template } = build({ capacity: provisioned(ec2.InstanceClass.T3, ec2.InstanceSize.MEDIUM) });
    template.allResourcesProperties('AWS::RDS::DBInstance', { DBInstanceClass: 'db.t3.medium', EnablePerformanceInsights: true });
  });
});
