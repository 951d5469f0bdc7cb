// Entry of the web bundle: defines every sh-* element; index.html places <sh-app>.
import './sh-app.js';
