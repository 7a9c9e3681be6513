import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { build, IMAGE, ServiceOptions, zone } from './fargate-api-service-fixture';
import { CloudFrontAccess, FargateApiService, FargateCapacity, SecureVpc } from '../src';

/** GIVEN a first service, WHEN a second one is built that attaches to it with `props`. */
function attach(props: ServiceOptions) {
  const app = new App();
  const stack = new Stack(app, 'Stack');
  const network = new SecureVpc(stack, 'Network');
  const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
  return new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, ...props });
}

describe('FargateApiService refusals', () => {
  test('min above max', () => {
    expect(() => build({ minCapacity: 5, maxCapacity: 3 })).toThrow("FargateApiService 'Stack/Api': minCapacity (min_capacity) must not exceed maxCapacity (3); got 5");
  });

  test.each([0, 7])('desired count %p outside [min, max]', (desiredCount) => {
    expect(() => build({ minCapacity: 1, maxCapacity: 6, desiredCount }))
      .toThrow(`desiredCount (desired_count) must be between minCapacity (1) and maxCapacity (6); got ${desiredCount}`);
  });

  test('a fractional task count', () => {
    expect(() => build({ maxCapacity: 2.5 })).toThrow('maxCapacity (max_capacity) must be a whole number between 1 and 5000; got 2.5');
  });

  test('a CPU size Fargate does not have', () => {
    expect(() => build({ cpu: 300 })).toThrow('cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384; got 300');
  });

  test.each([
    [256, 4096, 'memoryLimitMiB (memory_limit_mib) must be 512, 1024, 2048 with cpu 256; got 4096'],
    [1024, 1024, 'memoryLimitMiB (memory_limit_mib) must be 2048 to 8192 in steps of 1024 with cpu 1024; got 1024'],
    [8192, 20000, 'memoryLimitMiB (memory_limit_mib) must be 16384 to 61440 in steps of 4096 with cpu 8192; got 20000'],
  ])('a CPU/memory pair Fargate does not support: %p/%p', (cpu, memoryLimitMiB, message) => {
    expect(() => build({ cpu, memoryLimitMiB })).toThrow(message);
  });

  test('unresolved tokens are not validated', () => {
    const later = (n: number) => Lazy.number({ produce: () => n });
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    // Construction only: the values are for CloudFormation parameters the test does not synthesize.
    expect(() => new FargateApiService(stack, 'Api', {
      vpc: network.vpc,
      image: IMAGE,
      cpu: later(300),
      memoryLimitMiB: later(100),
      containerPort: later(0),
      minCapacity: later(1),
      healthCheck: { path: Lazy.string({ produce: () => 'health' }) },
      scratchPath: Lazy.string({ produce: () => 'tmp' }),
      containerName: Lazy.string({ produce: () => 'my app' }),
      deregistrationDelay: Duration.seconds(later(5000)),
      cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({
        headerName: Lazy.string({ produce: () => 'X Bad' }),
        headerValue: Lazy.string({ produce: () => 'a*' }),
      }),
    })).not.toThrow();
  });

  test.each<[string, ServiceOptions]>([
    ['maxCapacity', { maxCapacity: Lazy.number({ produce: () => 5 }) }],
    ['desiredCount', { desiredCount: Lazy.number({ produce: () => 3 }) }],
    ['minCapacity with a low maxCapacity', { minCapacity: Lazy.number({ produce: () => 1 }), maxCapacity: 1 }],
  ])('an unresolved %s is not compared with the other task counts', (_name, props) => {
    expect(() => build(props)).not.toThrow();
  });

  test.each([0, 70000])('containerPort %p outside 1-65535', (containerPort) => {
    expect(() => build({ containerPort })).toThrow(`containerPort (container_port) must be a whole number between 1 and 65535; got ${containerPort}`);
  });

  test('a health check path without a leading /', () => {
    expect(() => build({ healthCheck: { path: 'health' } })).toThrow("healthCheck.path (health_check.path) must start with '/' and hold at most 1024 visible ASCII characters (no spaces); got 'health'");
  });

  test('a scratch path that is not absolute', () => {
    expect(() => build({ scratchPath: 'tmp' })).toThrow("scratchPath (scratch_path) must be an absolute path starting with '/'; got 'tmp'");
  });

  test('a domain name without a hosted zone', () => {
    expect(() => build({ domainName: 'api.example.com' }))
      .toThrow("domainName (domain_name) needs hostedZone (to validate its certificate and write the alias records); got 'api.example.com'");
  });

  test('a TLS policy without a certificate', () => {
    expect(() => build({ sslPolicy: elbv2.SslPolicy.TLS13_RES }))
      .toThrow("sslPolicy (ssl_policy) needs certificate or domainName: a plain HTTP listener has no TLS policy; got 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'");
  });

  test('a hosted zone without a domain name', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    expect(() => new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, hostedZone: zone(stack) }))
      .toThrow("FargateApiService 'Stack/Api': hostedZone (hosted_zone) and domainName (domain_name) go together");
  });

  test('a CloudFront VPC origin on an internet-facing load balancer', () => {
    expect(() => build({ cloudFrontAccess: CloudFrontAccess.vpcOrigin(), internetFacing: true }))
      .toThrow('cloudFrontAccess (cloud_front_access) and internetFacing (internet_facing) conflict: a CloudFront VPC origin only reaches an internal load balancer (internetFacing: false)');
  });

  test('prefix-list CloudFront access on an internal load balancer', () => {
    expect(() => build({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader(), internetFacing: false }))
      .toThrow('cloudFrontAccess (cloud_front_access) and internetFacing (internet_facing) conflict: CloudFront reaches a prefix-list-restricted load balancer over the internet');
  });

  test('CloudFront access on a service that joins another service\'s listener', () => {
    expect(() => attach({ pathPatterns: ['/api/*'], priority: 10, cloudFrontAccess: CloudFrontAccess.vpcOrigin() }))
      .toThrow('attachTo (attach_to) and cloudFrontAccess (cloud_front_access) cannot be combined: the load balancer belongs to the service attached to (Stack/Web)');
  });

  test('internetFacing on a service that joins another service\'s listener', () => {
    expect(() => attach({ pathPatterns: ['/api/*'], priority: 10, internetFacing: true }))
      .toThrow('attachTo (attach_to) and internetFacing (internet_facing) cannot be combined');
  });

  test('path patterns without attaching', () => {
    expect(() => build({ pathPatterns: ['/api/*'] }))
      .toThrow("pathPatterns (path_patterns) need attachTo: only a service that joins another service's listener routes by path; got ['/api/*']");
  });

  test('a priority without attaching', () => {
    expect(() => build({ priority: 10 })).toThrow("priority needs attachTo: only a service that joins another service's listener has a rule priority; got 10");
  });

  test('attaching without path patterns', () => {
    expect(() => attach({ priority: 10 })).toThrow('pathPatterns (path_patterns) must list at least one path pattern with attachTo; got undefined');
  });

  test('attaching with more than 3 path patterns', () => {
    expect(() => attach({ priority: 10, pathPatterns: ['/a', '/b', '/c', '/d'] }))
      .toThrow("pathPatterns (path_patterns) must list at most 3 path patterns (ALB matches at most 3 values per rule condition); got ['/a', '/b', '/c', '/d']");
  });

  test('attaching with more than 5 wildcards in the path patterns', () => {
    expect(() => attach({ priority: 10, pathPatterns: ['/*/a/*', '/*/b/*', '/c/?*'] }))
      .toThrow("pathPatterns (path_patterns) must hold at most 5 wildcards ('*' or '?') in all, an ALB rule limit (6 given); got ['/*/a/*', '/*/b/*', '/c/?*']");
  });

  test('attaching without a priority', () => {
    expect(() => attach({ pathPatterns: ['/api/*'] })).toThrow('priority must be given with attachTo; got undefined');
  });

  test('a priority outside 1-49999 (50000 is the secret-header rule)', () => {
    expect(() => attach({ pathPatterns: ['/api/*'], priority: 50000 })).toThrow('priority must be a whole number between 1 and 49999; got 50000');
  });

  test('attaching from another VPC', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const other = new SecureVpc(stack, 'Other');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    expect(() => new FargateApiService(stack, 'Api', { vpc: other.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 }))
      .toThrow("FargateApiService 'Stack/Api': vpc must be the VPC of the load balancer of Stack/Web (Stack/Network/Vpc): a target group joins a load balancer of its own VPC; got 'Stack/Other/Vpc'");
  });

  test('attaching with the same VPC imported again by the same id', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const attrs = { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], privateSubnetIds: ['subnet-a', 'subnet-c'], publicSubnetIds: ['subnet-b', 'subnet-d'] };
    const web = new FargateApiService(stack, 'Web', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc1', attrs), image: IMAGE });
    expect(() => new FargateApiService(stack, 'Api', { vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc2', attrs), image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 }))
      .not.toThrow();
  });

  test('a priority another attached service already has', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const web = new FargateApiService(stack, 'Web', { vpc: network.vpc, image: IMAGE });
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/api/*'], priority: 10 });
    expect(() => new FargateApiService(stack, 'Admin', { vpc: network.vpc, image: IMAGE, attachTo: web, pathPatterns: ['/admin/*'], priority: 10 }))
      .toThrow("FargateApiService 'Stack/Admin': priority must be unique on the listener of Stack/Web (Stack/Api has it); got 10");
  });

  test('a Spot mix without any weight', () => {
    expect(() => build({ capacity: FargateCapacity.spotMix({ onDemandWeight: 0, spotWeight: 0 }) }))
      .toThrow('capacity.spotWeight (capacity.spot_weight) or capacity.onDemandWeight must be above 0; got 0');
  });

  test('a negative on-demand base', () => {
    expect(() => build({ capacity: FargateCapacity.spotMix({ onDemandBase: -1 }) }))
      .toThrow('capacity.onDemandBase (capacity.on_demand_base) must be a whole number between 0 and 100000; got -1');
  });

  test.each([0, 101])('a CPU target of %p%%', (targetCpuUtilization) => {
    expect(() => build({ scaling: { targetCpuUtilization } })).toThrow(`scaling.targetCpuUtilization (scaling.target_cpu_utilization) must be between 1 and 100; got ${targetCpuUtilization}`);
  });

  test('a memory target above 100%', () => {
    expect(() => build({ scaling: { targetMemoryUtilization: 120 } })).toThrow('scaling.targetMemoryUtilization (scaling.target_memory_utilization) must be between 1 and 100; got 120');
  });

  test('zero requests per target', () => {
    expect(() => build({ scaling: { requestsPerTarget: 0 } })).toThrow('scaling.requestsPerTarget (scaling.requests_per_target) must be a whole number between 1 and 1000000; got 0');
  });

  test.each(['my app', ''])('a container name ECS does not take: %p', (containerName) => {
    expect(() => build({ containerName }))
      .toThrow(`containerName (container_name) must be 1-255 letters, digits, hyphens or underscores (an ECS container name); got '${containerName}'`);
  });

  test.each(['root', '0', '0:0', '000:1000', 'root:root'])('a root user: %p', (user) => {
    expect(() => build({ user }))
      .toThrow(`FargateApiService 'Stack/Api': user must not be root (root or uid 0): leave user out to run as the image's USER; got '${user}'`);
  });

  test.each(['', 'app user', '1000:', ':1000', 'a:b:c', 'x'.repeat(33)])('a user ECS cannot pass to Docker: %p', (user) => {
    expect(() => build({ user }))
      .toThrow(`FargateApiService 'Stack/Api': user must be a user name or uid, optionally followed by :group or :gid (e.g. 1000:1000); got '${user}'`);
  });

  test('ECS Exec with an explicitly read-only root filesystem', () => {
    expect(() => build({ enableExecuteCommand: true, readonlyRootFilesystem: true }))
      .toThrow("FargateApiService 'Stack/Api': enableExecuteCommand (enable_execute_command) and readonlyRootFilesystem (readonly_root_filesystem) conflict: the ECS Exec agent writes to the container's root filesystem (leave readonlyRootFilesystem unset or false)");
  });

  test('a deregistration delay above 3600 seconds', () => {
    expect(() => build({ deregistrationDelay: Duration.hours(2) }))
      .toThrow("FargateApiService 'Stack/Api': deregistrationDelay (deregistration_delay) must be a whole number of seconds, between 0 and 3600; got '2 hours'");
  });

  test('a KMS-encrypted access-log bucket', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const bucket = new s3.Bucket(stack, 'Logs', { encryption: s3.BucketEncryption.KMS });
    expect(() => new FargateApiService(stack, 'Api', { vpc: network.vpc, image: IMAGE, accessLogs: { bucket } }))
      .toThrow("FargateApiService 'Stack/Api': accessLogs.bucket (access_logs.bucket) must use SSE-S3 encryption: load balancer access logs cannot be written to a KMS-encrypted bucket; got 'Stack/Logs'");
  });

  test.each(['X Origin Verify', 'X-Origin-Verify-Header-Name-That-Is-Far-Too-Long', ''])('an origin header name %p an ALB rule cannot match', (headerName) => {
    expect(() => build({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerName }) }))
      .toThrow(`cloudFrontAccess.headerName (cloud_front_access.header_name) must be 1-40 letters, digits or !#$%&'*+.^_\`|~- (an HTTP header name an ALB rule can match); got '${headerName}'`);
  });

  test.each([["'abc*'", 'abc*'], ["'a?c'", 'a?c'], ["''", ''], ["'129 characters'", 'x'.repeat(129)]])('an origin header value of %s', (shown, headerValue) => {
    expect(() => build({ cloudFrontAccess: CloudFrontAccess.prefixListWithSecretHeader({ headerValue }) }))
      .toThrow(`cloudFrontAccess.headerValue (cloud_front_access.header_value) must be 1-128 characters without '*' or '?' (an ALB header condition treats them as wildcards); got ${shown}`);
  });

  test('an expiration for an access-log bucket you bring', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const bucket = s3.Bucket.fromBucketName(stack, 'Logs', 'my-logs');
    expect(() => new FargateApiService(stack, 'Api', {
      vpc: network.vpc, image: IMAGE, accessLogs: { bucket, expiration: Duration.days(3) },
    })).toThrow('accessLogs.bucket (access_logs.bucket) and accessLogs.expiration (access_logs.expiration) cannot be combined');
  });
});
