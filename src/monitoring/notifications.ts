import * as sns from 'aws-cdk-lib/aws-sns';

/** Which topics an AlarmSet notifies. */
export enum AlarmTopicsKind {
  /** One new topic for both severities. */
  SHARED = 'SHARED',
  /** A new topic per severity. */
  PER_SEVERITY = 'PER_SEVERITY',
  /** Topics you bring. */
  EXISTING = 'EXISTING',
}

/**
 * The SNS topics an AlarmSet notifies: a choice with static factories. New topics are encrypted
 * with a customer-managed KMS key and refuse non-TLS publishing.
 */
export class AlarmTopics {
  /** One new topic that both warning and critical alarms notify. */
  public static shared(): AlarmTopics {
    return new AlarmTopics(AlarmTopicsKind.SHARED);
  }

  /** A new topic for critical alarms and another for warnings (e.g. to page on critical only). */
  public static perSeverity(): AlarmTopics {
    return new AlarmTopics(AlarmTopicsKind.PER_SEVERITY);
  }

  /**
   * Topics you already have. Alarms publish to them as they are: their encryption and policies
   * are yours (a KMS-encrypted topic must let cloudwatch.amazonaws.com use its key).
   * @param criticalTopic the topic of critical alarms
   * @param warningTopic the topic of warnings; the critical topic when left out
   */
  public static fromTopics(criticalTopic: sns.ITopic, warningTopic?: sns.ITopic): AlarmTopics {
    return new AlarmTopics(AlarmTopicsKind.EXISTING, criticalTopic, warningTopic ?? criticalTopic);
  }

  private constructor(
    /** Which choice this is. */
    public readonly kind: AlarmTopicsKind,
    /** The topic of critical alarms, for `fromTopics`. */
    public readonly criticalTopic?: sns.ITopic,
    /** The topic of warnings, for `fromTopics`. */
    public readonly warningTopic?: sns.ITopic,
  ) {}
}

/** A Slack channel that AWS Chatbot posts the alarm notifications to. */
export interface SlackChannelOptions {
  /** The id of the Slack workspace authorized in the AWS Chatbot console (e.g. `T0123ABCD`). */
  readonly workspaceId: string;
  /** The id of the Slack channel (the 9+ character id at the end of the channel link, e.g. `C0123ABCD`). */
  readonly channelId: string;
  /**
   * The name of the Chatbot channel configuration (unique in the account).
   * @default - derived from the AlarmSet's path
   */
  readonly configurationName?: string;
}
