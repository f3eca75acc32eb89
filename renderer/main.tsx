/** Renderer entry: choose the transport once, make the typed client, render the wall. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { liandongContract } from '../shared/contract';
import { createClient } from '../shared/rpc/client';
import { ClientContext } from './app/client-context';
import { I18nProvider } from './app/i18n';
import { WallShell } from './features/wall/WallShell';
import { chooseTransport } from './transport/choose-transport';
import './styles/wall.css';
import './styles/meeting.css';
import './styles/station.css';
import './styles/audit.css';
import './styles/live-link.css';
import './styles/reports.css';
import './styles/supervision.css';
import 'react-day-picker/style.css';
import './styles/date-field.css';

const client = createClient(liandongContract, chooseTransport(window), {
  onProtocolError: (m) => console.warn(`[liandong] ${m}`),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <I18nProvider>
        <WallShell />
      </I18nProvider>
    </ClientContext.Provider>
  </StrictMode>,
);
