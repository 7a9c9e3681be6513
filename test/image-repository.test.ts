import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { build, IMAGE } from './fargate-api-service-fixture';
import { expectNagClean } from './nag';
import { EnvironmentProfile, FargateApiService, ImageRepository, ImageRepositoryProps, RepositoryImage, SecureVpc } from '../src';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

function repositoryTemplate(props: ImageRepositoryProps = {}): Template {
  const stack = new Stack(new App(), 'Stack');
  new ImageRepository(stack, 'Images', props);
  return Template.fromStack(stack);
}

function lifecycleRules(template: Template): any[] {
  const repo: any = Object.values(template.findResources('AWS::ECR::Repository'))[0];
  return JSON.parse(repo.Properties.LifecyclePolicy.LifecyclePolicyText).rules;
}

describe('ImageRepository defaults', () => {
  test('immutable tags, scan on push, KMS with the AWS managed key, retained', () => {
    const template = repositoryTemplate();
    template.hasResource('AWS::ECR::Repository', {
      Properties: {
        ImageTagMutability: 'IMMUTABLE',
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: 'KMS' },
        EmptyOnDelete: Match.absent(),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('lifecycle: untagged images expire after 7 days, the last 30 images are kept', () => {
    const rules = lifecycleRules(repositoryTemplate());
    expect(rules).toEqual([
      expect.objectContaining({ selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' } }),
      expect.objectContaining({ selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 30 } }),
    ]);
  });

  test.each([
    ['dev', EnvironmentProfile.dev(), 10, 1, 'Delete'],
    ['staging', EnvironmentProfile.staging(), 30, 7, 'Retain'],
    ['prod', EnvironmentProfile.prod(), 100, 7, 'Retain'],
  ])('%s profile: keeps %d images, untagged for %d days, %s on removal', (_name, profile, keep, days, policy) => {
    const template = repositoryTemplate({ profile });
    const rules = lifecycleRules(template);
    expect(rules[0].selection.countNumber).toBe(days);
    expect(rules[1].selection.countNumber).toBe(keep);
    template.hasResource('AWS::ECR::Repository', { DeletionPolicy: policy });
  });

  test('dev empties the repository on deletion (it is destroyed)', () => {
    repositoryTemplate({ profile: EnvironmentProfile.dev() }).hasResourceProperties('AWS::ECR::Repository', { EmptyOnDelete: true });
  });

  test('cdk-nag clean', () => {
    const stack = new Stack(new App(), 'Stack');
    expectNagClean(new ImageRepository(stack, 'Images'));
  });
});

describe('ImageRepository props', () => {
  test('keepImages, untaggedImageExpiration, repositoryName and removalPolicy are written', () => {
    const template = repositoryTemplate({
      keepImages: 5, untaggedImageExpiration: Duration.days(3), repositoryName: 'team/api', removalPolicy: RemovalPolicy.DESTROY,
    });
    const rules = lifecycleRules(template);
    expect(rules[0].selection.countNumber).toBe(3);
    expect(rules[1].selection.countNumber).toBe(5);
    template.hasResource('AWS::ECR::Repository', { Properties: { RepositoryName: 'team/api', EmptyOnDelete: true }, DeletionPolicy: 'Delete' });
  });

  test('encryptionKey encrypts with that key', () => {
    const stack = new Stack(new App(), 'Stack');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new ImageRepository(stack, 'Images', { encryptionKey: key });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('Key'), 'Arn'] } },
    });
  });

  test('construct ids are stable: the repository keeps its logical id', () => {
    const template = repositoryTemplate({ keepImages: 3 });
    expect(Object.keys(template.findResources('AWS::ECR::Repository'))).toEqual([expect.stringMatching(/^ImagesRepository[0-9A-F]{8}$/)]);
  });
});

describe('ImageRepository refusals', () => {
  const stack = () => new Stack(new App(), 'Stack');
  test('keepImages below 1', () => {
    expect(() => new ImageRepository(stack(), 'Images', { keepImages: 0 })).toThrow("ImageRepository 'Stack/Images': keepImages (keep_images) must be a whole number between 1 and 10000; got 0");
  });
  test('an untagged expiration that is not whole days', () => {
    expect(() => new ImageRepository(stack(), 'Images', { untaggedImageExpiration: Duration.hours(12) })).toThrow("untaggedImageExpiration (untagged_image_expiration) must be a whole number of days, between 1 and 36500; got '12 hours'");
  });
  test('a repository name ECR does not take', () => {
    expect(() => new ImageRepository(stack(), 'Images', { repositoryName: 'Team_API' })).toThrow("repositoryName (repository_name) must be lowercase letters and digits separated by '.', '_', '-' or '/' (an ECR repository name); got 'Team_API'");
  });
  test('a tag ECR does not take', () => {
    const images = new ImageRepository(stack(), 'Images');
    expect(() => images.imageAt('-v1')).toThrow("ImageRepository 'Stack/Images': tagOrDigest (tag_or_digest) must be an image tag (1-128 letters, digits, '.', '_' or '-', not starting with '.' or '-') or a digest 'sha256:' + 64 hex digits; got '-v1'");
  });
  test('a malformed digest', () => {
    const images = new ImageRepository(stack(), 'Images');
    expect(() => images.imageAt('sha256:abc')).toThrow("tagOrDigest (tag_or_digest) must be an image tag (1-128 letters, digits, '.', '_' or '-', not starting with '.' or '-') or a digest 'sha256:' + 64 hex digits; got 'sha256:abc'");
  });
});

/** The execution role's and the task role's policy statements of service `Api`. */
function policyActions(template: Template, role: string): string[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => JSON.stringify(p.Properties.Roles).includes(role))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
}

describe('A service pulling from an ImageRepository', () => {
  test('inNewRepository: the service creates the repository, points at the tag, grants pull to the execution role only; cdk-nag clean', () => {
    const { api, template } = build({ repositoryImage: RepositoryImage.inNewRepository('v1.2.3') });
    template.resourceCountIs('AWS::ECR::Repository', 1);
    expect(api.imageRepository?.node.path).toBe('Stack/Api/ImageRepository');
    const uri = template.toJSON().Resources[Object.keys(template.findResources('AWS::ECS::TaskDefinition'))[0]].Properties.ContainerDefinitions[0].Image;
    expect(JSON.stringify(uri)).toContain('ApiImageRepository');
    expect(JSON.stringify(uri)).toContain(':v1.2.3');
    expect(policyActions(template, 'ApiTaskDefinitionExecutionRole')).toEqual(expect.arrayContaining(['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:GetAuthorizationToken']));
    expect(policyActions(template, 'ApiTaskDefinitionTaskRole').filter((a) => a.startsWith('ecr:'))).toEqual([]);
    expect(template.findResources('AWS::ECR::Repository')[Object.keys(template.findResources('AWS::ECR::Repository'))[0]].Properties.RepositoryPolicyText).toBeUndefined();
    expectNagClean(api);
  });

  test("inNewRepository takes the service's profile, and repository props win", () => {
    const dev = build({ profile: EnvironmentProfile.dev(), repositoryImage: RepositoryImage.inNewRepository('v1') });
    expect(lifecycleRules(dev.template)[1].selection.countNumber).toBe(10);
    const own = build({ profile: EnvironmentProfile.dev(), repositoryImage: RepositoryImage.inNewRepository('v1', { keepImages: 7 }) });
    expect(lifecycleRules(own.template)[1].selection.countNumber).toBe(7);
  });

  test('inRepository: a repository you give, at a digest; no second repository', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const images = new ImageRepository(stack, 'Images');
    const api = new FargateApiService(stack, 'Api', { vpc: network.vpc, repositoryImage: RepositoryImage.inRepository(images, DIGEST) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECR::Repository', 1);
    expect(api.imageRepository).toBe(images);
    const taskDefinition: any = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0];
    expect(JSON.stringify(taskDefinition.Properties.ContainerDefinitions[0].Image)).toContain(`@${DIGEST}`);
    expectNagClean(api);
  });

  test('imageAt() as the image prop grants pull the same way', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const network = new SecureVpc(stack, 'Network');
    const images = new ImageRepository(stack, 'Images');
    new FargateApiService(stack, 'Api', { vpc: network.vpc, image: images.imageAt('v2') });
    const template = Template.fromStack(stack);
    expect(policyActions(template, 'ApiTaskDefinitionExecutionRole')).toContain('ecr:BatchGetImage');
  });

  test('no imageRepository without repositoryImage', () => {
    expect(build().api.imageRepository).toBeUndefined();
  });

  test('image and repositoryImage together are refused', () => {
    expect(() => build({ image: IMAGE, repositoryImage: RepositoryImage.inNewRepository('v1') } as any))
      .toThrow("FargateApiService 'Stack/Api': image and repositoryImage (repository_image) cannot be combined: give one image");
  });

  test('neither image nor repositoryImage is refused', () => {
    const stack = new Stack(new App(), 'Stack');
    const network = new SecureVpc(stack, 'Network');
    expect(() => new FargateApiService(stack, 'Api', { vpc: network.vpc }))
      .toThrow("FargateApiService 'Stack/Api': image and repositoryImage (repository_image) are both missing: give the container image");
  });

  test('a bad tag given to the service is refused naming the tag', () => {
    expect(() => build({ repositoryImage: RepositoryImage.inNewRepository('v1 beta') })).toThrow('tagOrDigest (tag_or_digest) must be an image tag');
  });
});
