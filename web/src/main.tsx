import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './platform/i18n/i18n';
import './styles.css';
import { App } from './app/App';

// The first screen is drawn once the texts of its language are in (one small chunk).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
