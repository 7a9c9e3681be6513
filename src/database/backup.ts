import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';

/** Options of a cross-region backup copy. */
export interface BackupCopyOptions {
  /**
   * How long the copies are kept in the destination vault.
   * @default - as long as the backups themselves (`AuroraBackupPlanOptions.deleteAfter`)
   */
  readonly deleteAfter?: Duration;
}

/**
 * Where AWS Backup copies each recovery point: a vault in another region, named or by ARN.
 * Neither form needs an account lookup at synth time.
 */
export class BackupCopy {
  /**
   * The vault `vaultName` in `region` of this stack's account; its ARN is built from both.
   * The vault must already exist there (e.g. created by a stack in that region).
   */
  public static toRegion(region: string, vaultName: string, options: BackupCopyOptions = {}): BackupCopy {
    return new BackupCopy(region, vaultName, undefined, options.deleteAfter);
  }

  /** The vault with this ARN (`arn:aws:backup:<region>:<account>:backup-vault:<name>`), in any account. */
  public static toVaultArn(vaultArn: string, options: BackupCopyOptions = {}): BackupCopy {
    return new BackupCopy(undefined, undefined, vaultArn, options.deleteAfter);
  }

  /** The destination region (given or read from the ARN), when known at synth time. */
  public readonly region?: string;
  /** The destination vault name, with `toRegion`. */
  public readonly vaultName?: string;
  /** The destination vault ARN, with `toVaultArn`. */
  public readonly vaultArn?: string;
  /** How long the copies are kept. */
  public readonly deleteAfter?: Duration;

  private constructor(region?: string, vaultName?: string, vaultArn?: string, deleteAfter?: Duration) {
    this.region = region ?? regionOfArn(vaultArn);
    this.vaultName = vaultName;
    this.vaultArn = vaultArn;
    this.deleteAfter = deleteAfter;
  }
}

/** An AWS Backup plan for the cluster, on top of Aurora's automated backups. */
export interface AuroraBackupPlanOptions {
  /**
   * When backups are taken.
   * @default - daily at 05:00 UTC
   */
  readonly schedule?: events.Schedule;
  /**
   * How long each backup is kept.
   * @default - the cluster's `backupRetention`
   */
  readonly deleteAfter?: Duration;
  /**
   * A copy of each backup to a vault in another region (references B and E).
   * @default - no copy
   */
  readonly copy?: BackupCopy;
  /**
   * The vault the backups go to in this region.
   * @default - a new vault, kept when the stack is deleted (a vault holding recovery points cannot be deleted)
   */
  readonly vault?: backup.IBackupVault;
}

function regionOfArn(arn: string | undefined): string | undefined {
  const match = arn ? /^arn:[^:]+:backup:([a-z0-9-]+):/.exec(arn) : null;
  return match ? match[1] : undefined;
}
