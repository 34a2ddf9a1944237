/** Entry of the parents' phone app (served at /m/): its own light bundle, no Ant Design. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import '../shared/phone-base.css';
import './styles.css';

const el = document.getElementById('root');
if (!el) throw new Error('#root missing from m/index.html');
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
