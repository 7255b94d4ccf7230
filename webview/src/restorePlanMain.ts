// Restore plan webview entry: its styles and the app started on the page's #app element.
import './restorePlan.css';
import { startPlan } from './restorePlanApp';

const app = typeof document !== 'undefined' ? document.getElementById('app') : null;
if (app) startPlan(app);
