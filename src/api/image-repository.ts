import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct, IConstruct } from 'constructs';
import { checkDuration } from '../private/input-rules';
import { profileDefault } from '../private/profile-defaults';
import { checkInteger, invalidProp } from '../private/validation';
import { EnvironmentProfile } from '../profile';

/** Properties of an ImageRepository. */
export interface ImageRepositoryProps {
  /**
   * The environment profile that sets this construct's defaults (explicit props win).
   * @default - no profile: the defaults documented on each prop
   */
  readonly profile?: EnvironmentProfile;
  /**
   * The repository name (lowercase letters, digits, `.`, `_`, `-` and `/`); a fixed name stops
   * CloudFormation from replacing the repository.
   * @default - a name CloudFormation generates
   */
  readonly repositoryName?: string;
  /**
   * How many images the lifecycle policy keeps (the most recently pushed); older ones expire.
   * @default - 10 (dev), 30 (staging), 100 (prod); 30 without a profile
   */
  readonly keepImages?: number;
  /**
   * How long an untagged image is kept (whole days).
   * @default - Duration.days(1) with dev, Duration.days(7) otherwise
   */
  readonly untaggedImageExpiration?: Duration;
  /**
   * A customer-managed KMS key to encrypt the images with.
   * @default - KMS encryption with the AWS managed key of ECR (aws/ecr)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * What happens to the repository (and its images) when it leaves the stack.
   * @default - RemovalPolicy.DESTROY with dev (the images are deleted with it), RemovalPolicy.RETAIN otherwise
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** ECR's tag syntax (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutImage.html, 2026-12-01). */
const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** An image digest as ECR reports it. */
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * An ECR repository for a service's image: immutable tags, scan on push, KMS encryption, and a
 * lifecycle policy that keeps the last `keepImages` images and expires untagged ones. Nothing is
 * granted by the repository itself: `imageAt()` grants pull to the task execution role that uses it.
 */
export class ImageRepository extends Construct {
  /** The ECR repository. */
  public readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: ImageRepositoryProps = {}) {
    super(scope, id);
    const profile = props.profile;
    const keepImages = props.keepImages ?? profileDefault(profile, 30, { dev: 10, staging: 30, prod: 100 });
    checkInteger(this, 'keepImages', keepImages, 1, 10000);
    const untagged = props.untaggedImageExpiration ?? profileDefault(profile, Duration.days(7), { dev: Duration.days(1) });
    checkDuration(this, 'untaggedImageExpiration', untagged, { unit: 'days', min: 1, max: 36500 });
    const untaggedDays = untagged.toDays({ integral: false });
    const removalPolicy = props.removalPolicy ?? profileDefault(profile, RemovalPolicy.RETAIN, { dev: RemovalPolicy.DESTROY });
    const name = props.repositoryName;
    if (name !== undefined && !Token.isUnresolved(name) && !/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(name)) {
      invalidProp(this, 'repositoryName', name, "must be lowercase letters and digits separated by '.', '_', '-' or '/' (an ECR repository name)");
    }

    this.repository = new ecr.Repository(this, 'Repository', {
      repositoryName: name,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      imageScanOnPush: true,
      encryption: ecr.RepositoryEncryption.KMS,
      encryptionKey: props.encryptionKey,
      removalPolicy,
      // A destroyed repository takes its images with it (CloudFormation refuses to delete a non-empty one).
      emptyOnDelete: removalPolicy === RemovalPolicy.DESTROY ? true : undefined,
      lifecycleRules: [
        { description: `Expire untagged images after ${untaggedDays} days`, tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(untaggedDays) },
        { description: `Keep the last ${keepImages} images`, tagStatus: ecr.TagStatus.ANY, maxImageCount: keepImages },
      ],
    });
  }

  /**
   * The image at a tag (e.g. `v1.2.3`) or digest (`sha256:...`) of this repository, for a service's
   * `image`: the task execution role that runs it gets pull on this repository (and nothing else).
   */
  public imageAt(tagOrDigest: string): ecs.ContainerImage {
    checkTagOrDigest(this, 'tagOrDigest', tagOrDigest);
    return ecs.ContainerImage.fromEcrRepository(this.repository, tagOrDigest);
  }

  /** Grants pulling images of this repository (and `ecr:GetAuthorizationToken`). */
  public grantPull(grantee: iam.IGrantable): iam.Grant {
    return this.repository.grantPull(grantee);
  }
}

/** Refuses a tag or digest ECR would not take (unresolved tokens pass). */
function checkTagOrDigest(scope: IConstruct, prop: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  if (value.startsWith('sha256:') ? !DIGEST.test(value) : !TAG.test(value)) {
    invalidProp(scope, prop, value, "must be an image tag (1-128 letters, digits, '.', '_' or '-', not starting with '.' or '-') or a digest 'sha256:' + 64 hex digits");
  }
}

/**
 * Where a service's image comes from when it is pulled from an ImageRepository: a repository you
 * give, or a new one the service creates.
 */
export class RepositoryImage {
  /** The image at a tag or digest of an ImageRepository you give (e.g. one shared by several stacks' services). */
  public static inRepository(repository: ImageRepository, tagOrDigest: string): RepositoryImage {
    return new RepositoryImage(tagOrDigest, repository, undefined);
  }

  /**
   * The image at a tag or digest of a new ImageRepository the service creates (construct id
   * `ImageRepository`; the service's profile applies unless `props.profile` is given). Push the
   * image before the service's first deployment, or ECS cannot start its tasks.
   */
  public static inNewRepository(tagOrDigest: string, props: ImageRepositoryProps = {}): RepositoryImage {
    return new RepositoryImage(tagOrDigest, undefined, props);
  }

  private constructor(
    /** The tag or digest of the image. */
    public readonly tagOrDigest: string,
    /** The repository given, if any. */
    public readonly repository: ImageRepository | undefined,
    /** The props of the repository to create, if it is to be created. */
    public readonly newRepositoryProps: ImageRepositoryProps | undefined,
  ) {}
}
