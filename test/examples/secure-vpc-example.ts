// SecureVpc example: reference architecture A's network (10.0.0.0/16, public 10.0.1-2.0/24,
// private 10.0.11-12.0/24) in Tokyo, with the database tier and a NAT gateway per AZ.
import { App, Stack } from 'aws-cdk-lib';
import { NatStrategy, SecureVpc } from '../../src';

/** Adds the SecureVpc example stack to `app`. */
export function buildSecureVpcExample(app: App): Stack {
  const stack = new Stack(app, 'SecureVpcExample', { env: { region: 'ap-northeast-1' } });
  new SecureVpc(stack, 'Network', {
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    subnetPlan: {
      publicCidrs: ['10.0.1.0/24', '10.0.2.0/24'],
      applicationCidrs: ['10.0.11.0/24', '10.0.12.0/24'],
      dataCidrs: ['10.0.21.0/24', '10.0.22.0/24'],
    },
    natStrategy: NatStrategy.gatewayPerAz(),
    endpoints: { containerImagePull: true },
  });
  return stack;
}
