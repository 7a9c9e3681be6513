import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';

/** Options of a cross-region backup copy. */
export interface BackupCopyOptions {
  /**
   * How long the copies of the daily backups are kept in the destination vault. The copies of the weekly
   * backups (`weekly`) are always kept as long as the weekly backups themselves.
   * @default - as long as the daily backups themselves (`DatabaseBackupPlanOptions.deleteAfter`)
   */
  readonly deleteAfter?: Duration;
}

/**
 * Where AWS Backup copies each recovery point: a vault in another region that the app creates, or
 * any vault by ARN. Neither form needs an account lookup at synth time.
 */
export class BackupCopy {
  /**
   * A new vault (with its own rotating KMS key, retained) in `region` of this stack's account, created in a
   * companion stack of that region (`<stack name>-<stack region>-Backup`) that deploys first. Its physical
   * name is `<vaultName>-<companion stack name>` (shortened with a hash past 50 characters), so two Stages
   * or copies of one app in an account never claim the same vault name.
   * The stack's region must be known. Databases of one stack naming the same region and vault share it.
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

/** Weekly backups, a second rule of the same AWS Backup plan, kept longer than the daily ones. */
export interface WeeklyBackupOptions {
  /** How many weeks each weekly backup is kept (1-520). */
  readonly keepWeeks: number;
  /**
   * When the weekly backups are taken.
   * @default - Sundays at 05:00 UTC (AWS Backup keeps the longer-lived backup when the daily rule runs at the same time)
   */
  readonly schedule?: events.Schedule;
}

/** An AWS Backup plan for a database (AuroraCluster or RdsDatabase), on top of its automated backups. */
export interface DatabaseBackupPlanOptions {
  /**
   * When backups are taken.
   * @default - daily at 05:00 UTC
   */
  readonly schedule?: events.Schedule;
  /**
   * How long each backup is kept.
   * @default - the database's `backupRetention`
   */
  readonly deleteAfter?: Duration;
  /**
   * Weekly backups kept for a number of weeks (reference E's weekly snapshots), as a second rule.
   * @default - daily backups only
   */
  readonly weekly?: WeeklyBackupOptions;
  /**
   * A copy of each backup (daily and weekly) to a vault in another region (references B and E).
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
