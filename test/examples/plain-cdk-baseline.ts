// What a user would write instead of this library: aws-ecs-patterns' ALB Fargate service, a Vpc,
// an Aurora DatabaseCluster and a CloudFront Distribution, from plain aws-cdk-lib. Used by the
// benchmark as the comparison point; it is not cdk-nag clean (that is the point of the library).
import { App, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Adds the plain aws-cdk-lib equivalent of reference architecture A to `app`. */
export function buildPlainCdkBaseline(app: App): Stack {
  const stack = new Stack(app, 'PlainCdkBaseline');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const api = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Api', {
    vpc,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'), containerPort: 8080 },
  });
  api.targetGroup.configureHealthCheck({ path: '/health' });
  const db = new rds.DatabaseCluster(stack, 'Database', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    vpc,
    writer: rds.ClusterInstance.serverlessV2('Writer'),
    readers: [rds.ClusterInstance.serverlessV2('Reader', { scaleWithWriter: true })],
    serverlessV2MinCapacity: 0.5,
    serverlessV2MaxCapacity: 2,
  });
  db.connections.allowDefaultPortFrom(api.service);
  const site = new s3.Bucket(stack, 'Site');
  new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(site) },
    additionalBehaviors: {
      '/api/*': {
        origin: new origins.LoadBalancerV2Origin(api.loadBalancer, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY }),
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    },
  });
  return stack;
}
