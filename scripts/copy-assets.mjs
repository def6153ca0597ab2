// Copies GOV.UK Frontend's JavaScript and images (not its fonts: this is not a GOV.UK
// service, so no Transport typeface) into engage/static/build/.
import { cpSync, mkdirSync } from "node:fs";

const src = "node_modules/govuk-frontend/dist/govuk";
const out = "engage/static/build";
mkdirSync(`${out}/images`, { recursive: true });
cpSync(`${src}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
cpSync(`${src}/assets/images`, `${out}/images`, { recursive: true });
