import { useParams } from 'react-router';

/**
 * The campaign designer, routed by the web shell at `/campaigns/:campaignId`.
 * First cut: a placeholder so the shell builds while the editor lands.
 */
export function DesignerPage() {
  const { campaignId } = useParams();
  return (
    <main aria-label="designer" data-campaign-id={campaignId}>
      <p>{campaignId}</p>
    </main>
  );
}
