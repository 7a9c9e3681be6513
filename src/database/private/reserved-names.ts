// Names the database engines reserve, which RDS refuses as a database name or master username only at
// deploy time (internal).
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { invalidProp } from '../../private/validation';
import { DatabaseEngineFamily } from '../database-engine';

/**
 * Reserved key words of PostgreSQL (PostgreSQL 16 documentation, Appendix C "SQL Key Words", the
 * "reserved" and "reserved (can be function or type)" entries; read 2026-12-01).
 */
const POSTGRES_RESERVED = `all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate
collation column concurrently constraint create cross current_catalog current_date current_role current_schema current_time
current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full
grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit localtime
localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references returning right
select session_user similar some symmetric system_user table tablesample then to trailing true union unique user using
variadic verbose when where window with`;

/**
 * Reserved words of MySQL 8.0 (MySQL 8.0 Reference Manual, 11.3 "Keywords and Reserved Words", the
 * entries marked (R); read 2026-12-01).
 */
const MYSQL_RESERVED = `accessible add all alter analyze and as asc asensitive before between bigint binary blob both by call
cascade case change char character check collate column condition constraint continue convert create cross cube cume_dist
current_date current_time current_timestamp current_user cursor database databases day_hour day_microsecond day_minute
day_second dec decimal declare default delayed delete dense_rank desc describe deterministic distinct distinctrow div double
drop dual each else elseif empty enclosed escaped except exists exit explain false fetch first_value float float4 float8 for
force foreign from fulltext function generated get grant group grouping groups having high_priority hour_microsecond
hour_minute hour_second if ignore in index infile inner inout insensitive insert int int1 int2 int3 int4 int8 integer
intersect interval into io_after_gtids io_before_gtids is iterate join json_table key keys kill lag last_value lateral lead
leading leave left like limit linear lines load localtime localtimestamp lock long longblob longtext loop low_priority
master_bind master_ssl_verify_server_cert match maxvalue mediumblob mediumint mediumtext middleint minute_microsecond
minute_second mod modifies natural not no_write_to_binlog nth_value ntile null numeric of on optimize optimizer_costs option
optionally or order out outer outfile over partition percent_rank precision primary procedure purge range rank read reads
read_write real recursive references regexp release rename repeat replace require resignal restrict return revoke right
rlike row row_number rows schema schemas second_microsecond select sensitive separator set show signal smallint spatial
specific sql sqlexception sqlstate sqlwarning sql_big_result sql_calc_found_rows sql_small_result ssl starting stored
straight_join system table terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock
unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying virtual when
where while window with write xor year_month zerofill`;

const RESERVED: Record<DatabaseEngineFamily, Set<string>> = {
  [DatabaseEngineFamily.POSTGRESQL]: new Set(POSTGRES_RESERVED.split(/\s+/)),
  [DatabaseEngineFamily.MYSQL]: new Set(MYSQL_RESERVED.split(/\s+/)),
};

/** The databases every instance already has (system schemas and templates), which cannot be created again. */
const SYSTEM_DATABASES: Record<DatabaseEngineFamily, string[]> = {
  [DatabaseEngineFamily.POSTGRESQL]: ['postgres', 'template0', 'template1', 'rdsadmin'],
  [DatabaseEngineFamily.MYSQL]: ['mysql', 'sys', 'information_schema', 'performance_schema', 'innodb', 'rdsadmin'],
};

/**
 * The user names RDS keeps for itself (rdsadmin, rdsrepladmin, rdsproxyadmin, rds_* roles; Amazon RDS
 * User Guide, "Master user account privileges"; read 2026-12-01).
 */
const RDS_USERS = ['rdsadmin', 'rdsrepladmin', 'rdsproxyadmin', 'rdstopmgr', 'rds_superuser', 'rds_replication', 'rds_iam', 'rds_password', 'rds_ad'];

/** Refuses a database name that is a reserved word or a system database of the engine. */
export function checkDatabaseName(scope: IConstruct, value: string | undefined, family: DatabaseEngineFamily): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const name = value.toLowerCase();
  if (RESERVED[family].has(name) || SYSTEM_DATABASES[family].includes(name)) {
    invalidProp(scope, 'databaseName', value, `must not be a word ${label(family)} reserves or a database it already has (e.g. 'app')`);
  }
}

/** Refuses a master username that is a reserved word, a user RDS keeps, or (PostgreSQL) a `pg_` role. */
export function checkMasterUsername(scope: IConstruct, value: string | undefined, family: DatabaseEngineFamily): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  const name = value.toLowerCase();
  const pgRole = family === DatabaseEngineFamily.POSTGRESQL && name.startsWith('pg_');
  if (RESERVED[family].has(name) || RDS_USERS.includes(name) || pgRole) {
    invalidProp(scope, 'masterUsername', value, `must not be a word ${label(family)} reserves, a user RDS keeps (rdsadmin, rds_*) or a pg_ role (e.g. 'dbadmin')`);
  }
}

function label(family: DatabaseEngineFamily): string {
  return family === DatabaseEngineFamily.MYSQL ? 'MySQL' : 'PostgreSQL';
}
