/**
 * 台账文件与共享: the ledger open now and the recent ones, the shared ledger it syncs with, the backups, and
 * the sync and backup settings.
 */
import { Alert, Col, Row } from 'antd';
import BackupsCard from '../sharing/BackupsCard';
import LedgerFilesCard from '../sharing/LedgerFilesCard';
import SharedLedgerCard from '../sharing/SharedLedgerCard';
import { useSharing } from '../sharing/SharingProvider';
import SharingSettingsCard from '../sharing/SharingSettingsCard';

export default function Files() {
  const { unavailable } = useSharing();
  return (
    <div className="page files-page" data-testid="files-page">
      {unavailable && <Alert type="warning" showIcon title={unavailable} className="files-alert" data-testid="files-unavailable" />}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <LedgerFilesCard />
          <BackupsCard />
        </Col>
        <Col xs={24} xl={12}>
          <SharedLedgerCard />
          <SharingSettingsCard />
        </Col>
      </Row>
    </div>
  );
}
