// Shared by the stability tests of the database constructs.
// The properties whose change makes CloudFormation replace each stateful resource (the registry schemas'
// createOnlyProperties, plus Engine and MasterUsername, which in practice cannot change in place either).
export const REPLACING: Record<string, string[]> = {
  'AWS::RDS::DBCluster': [
    'AvailabilityZones', 'ClusterScalabilityType', 'DBClusterIdentifier', 'DBSubnetGroupName', 'DBSystemId', 'DatabaseName',
    'EngineMode', 'KmsKeyId', 'PubliclyAccessible', 'RestoreToTime', 'RestoreType', 'SnapshotIdentifier',
    'SourceDBClusterIdentifier', 'SourceDbClusterResourceId', 'SourceRegion', 'StorageEncrypted', 'UseLatestRestorableTime',
    'Engine', 'MasterUsername',
  ],
  'AWS::RDS::DBInstance': [
    'DBClusterIdentifier', 'DBInstanceIdentifier', 'DBName', 'DBSubnetGroupName', 'DBSystemId', 'KmsKeyId', 'MasterUsername',
    'SourceRegion', 'StorageEncrypted', 'Engine',
  ],
  'AWS::KMS::Key': ['KeySpec', 'KeyUsage', 'MultiRegion'],
  'AWS::SecretsManager::Secret': ['Name', 'KmsKeyId'],
  'AWS::RDS::DBSubnetGroup': ['DBSubnetGroupName', 'SubnetIds'],
  'AWS::EC2::SecurityGroup': ['GroupDescription', 'GroupName', 'VpcId'],
  'AWS::RDS::DBClusterParameterGroup': ['DBClusterParameterGroupName', 'Description', 'Family'],
  'AWS::RDS::DBParameterGroup': ['DBParameterGroupName', 'Description', 'Family'],
  'AWS::RDS::OptionGroup': ['EngineName', 'MajorEngineVersion', 'OptionGroupDescription', 'OptionGroupName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
};


// The other stateful resources a WebAppBlueprint holds, with the properties whose change replaces them (the
// registry schemas' createOnlyProperties): its buckets, alarm topics and VPC.
export const REPLACING_OTHER_STATEFUL: Record<string, string[]> = {
  'AWS::S3::Bucket': ['BucketName', 'ObjectLockEnabled'],
  'AWS::SNS::Topic': ['TopicName', 'FifoTopic'],
  'AWS::EC2::VPC': ['CidrBlock', 'Ipv4IpamPoolId', 'Ipv4NetmaskLength'],
};
