import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { CampaignsPage } from '../campaigns/campaigns-page.tsx';
import { NewCampaignPage } from '../campaigns/new-campaign-page.tsx';
import { ComingSoonPage } from '../pages/coming-soon-page.tsx';
import { NotFoundPage } from '../pages/not-found-page.tsx';
import { AppLayout } from './app-layout.tsx';
import { RouteError } from './route-error.tsx';

/**
 * Every screen of the app. Feature screens are loaded on demand (`lazy`) so the canvas
 * library is only downloaded when a campaign is opened. Sections still to be built show
 * an honest "coming soon" page; replace the element when the section lands.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        // A screen that crashes shows its error inside the layout, so the navigation stays.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/campaigns" replace /> },
          { path: 'campaigns', element: <CampaignsPage /> },
          { path: 'campaigns/new', element: <NewCampaignPage /> },
          {
            // Slot owned by the designer (apps/web/src/designer/).
            path: 'campaigns/:campaignId',
            lazy: async () => {
              const { DesignerPage } = await import('../designer/designer-page.tsx');
              return { Component: DesignerPage };
            },
          },
          {
            // Slot owned by the segment builder (apps/web/src/segments/); the builder library
            // loads only when a segment page is opened.
            path: 'segments',
            lazy: async () => ({
              Component: (await import('../segments/segments-page.tsx')).SegmentsPage,
            }),
          },
          {
            path: 'segments/new-list',
            lazy: async () => ({
              Component: (await import('../segments/static-list-page.tsx')).StaticListPage,
            }),
          },
          {
            path: 'segments/new',
            lazy: async () => ({
              Component: (await import('../segments/segment-page.tsx')).SegmentPage,
            }),
          },
          {
            path: 'segments/:segmentId',
            lazy: async () => ({
              Component: (await import('../segments/segment-page.tsx')).SegmentPage,
            }),
          },
          {
            // Slot owned by the leads page (apps/web/src/leads/).
            path: 'leads',
            lazy: async () => ({ Component: (await import('../leads/leads-page.tsx')).LeadsPage }),
          },
          {
            path: 'leads/:leadId',
            lazy: async () => ({ Component: (await import('../leads/lead-page.tsx')).LeadPage }),
          },
          {
            // Slot owned by the simulation (apps/web/src/simulation/).
            path: 'campaigns/:campaignId/simulate',
            lazy: async () => {
              const { SimulatePage } = await import('../simulation/simulate-page.tsx');
              return { Component: SimulatePage };
            },
          },
          {
            // Slot owned by the review screen (apps/web/src/review/).
            path: 'campaigns/:campaignId/review',
            lazy: async () => ({
              Component: (await import('../review/review-page.tsx')).ReviewPage,
            }),
          },
          {
            // Slot owned by the outbox viewer (apps/web/src/outbox/).
            path: 'campaigns/:campaignId/outbox',
            lazy: async () => ({
              Component: (await import('../outbox/outbox-page.tsx')).OutboxPage,
            }),
          },
          {
            // Slot owned by the run monitor (apps/web/src/monitor/).
            path: 'campaigns/:campaignId/monitor',
            lazy: async () => ({
              Component: (await import('../monitor/monitor-page.tsx')).MonitorPage,
            }),
          },
          {
            // Slot owned by the call list (apps/web/src/calls/).
            path: 'calls',
            lazy: async () => ({ Component: (await import('../calls/calls-page.tsx')).CallsPage }),
          },
          { path: 'analytics', element: <ComingSoonPage section="analytics" /> },
          {
            // Slot owned by the settings screen (apps/web/src/settings/).
            path: 'settings',
            lazy: async () => ({
              Component: (await import('../settings/settings-page.tsx')).SettingsPage,
            }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
