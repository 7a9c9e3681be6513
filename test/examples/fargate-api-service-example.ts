// FargateApiService example: reference C's layout in Tokyo. A Next.js front end (3000) answers `/*`
// over HTTPS on app.example.com, and a Fastify back end (3001) joins the same listener for `/api/*`
// with part of its tasks on Fargate Spot. Nothing needs Docker or an AWS account at synth.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { EnvironmentProfile, FargateApiService, FargateCapacity, NatStrategy, SecureVpc } from '../../src';

/** Adds the FargateApiService example stack to `app`. */
export function buildFargateApiServiceExample(app: App): Stack {
  const stack = new Stack(app, 'FargateApiServiceExample', { env: { region: 'ap-northeast-1' } });
  const network = new SecureVpc(stack, 'Network', {
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    natStrategy: NatStrategy.singleGateway(),
  });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    zoneName: 'example.com',
  });

  const web = new FargateApiService(stack, 'Web', {
    profile: EnvironmentProfile.staging(),
    vpc: network.vpc,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-alpine'),
    containerPort: 3000,
    domainName: 'app.example.com',
    hostedZone: zone,
    healthCheck: { path: '/api/health' },
    stickinessDuration: Duration.days(1),
  });

  new FargateApiService(stack, 'Api', {
    profile: EnvironmentProfile.staging(),
    vpc: network.vpc,
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/node:20-alpine'),
    containerPort: 3001,
    attachTo: web,
    pathPatterns: ['/api/*'],
    priority: 10,
    capacity: FargateCapacity.spotMix({ onDemandBase: 1, spotWeight: 2 }),
    scaling: { requestsPerTarget: 500 },
  });
  return stack;
}
