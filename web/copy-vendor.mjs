// Copies the browser bundles of the pinned npm packages into the web UI's static folder.
// The pages load them when present and show their tables alone when not (no npm on the machine).
// The "peer" UMD builds are used, not the "standalone" ones: standalone bundles inject their CSS
// through <style> elements, which the UI's Content-Security-Policy (style-src 'self') refuses.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "src", "newsdesk", "web", "static", "vendor");

// [package, file inside it, name in vendor/]; the order is the order the pages load them in.
const files = [
  ["vis-data", "peer/umd/vis-data.min.js", "vis-data.min.js"],
  ["moment", "min/moment.min.js", "moment.min.js"],
  ["vis-timeline", "peer/umd/vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js"],
  ["vis-timeline", "styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"],
  ["vis-network", "peer/umd/vis-network.min.js", "vis-network.min.js"],
  ["vis-network", "styles/vis-network.min.css", "vis-network.min.css"],
  // The interactive API documentation at /docs (Swagger UI) and /redoc (ReDoc), served from here
  // instead of a CDN so that it works offline.
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui.css"],
  ["redoc", "bundles/redoc.standalone.js", "redoc.standalone.js"],
];
// The licence texts that come with each package (and with a bundle, the notices of what it
// bundles), copied beside the files into vendor/licenses/ as PACKAGE.FILE.
const licences = {
  "vis-data": ["LICENSE-APACHE-2.0", "LICENSE-MIT"],
  moment: ["LICENSE"],
  "vis-timeline": ["LICENSE.Apache-2.0.txt", "LICENSE.MIT.txt"],
  "vis-network": ["LICENSE-APACHE-2.0", "LICENSE-MIT"],
  "swagger-ui-dist": ["LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"],
  redoc: ["LICENSE", "bundles/redoc.standalone.js.LICENSE.txt"],
};

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
const versions = [];
for (const [name, path, target] of files) {
  copyFileSync(join(modules, name, path), join(vendor, target));
  const { version, license } = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  versions.push(`${target}\t${name}@${version}\t${license}`);
}
// ReDoc's sidebar shows Redocly's logo from their CDN, and hides it when it fails to load: the
// address becomes an empty data: URL, which fails at once, so the page asks nothing of another site.
const redoc = join(vendor, "redoc.standalone.js");
const logo = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const bundle = readFileSync(redoc, "utf8");
if (!bundle.includes(logo)) throw new Error(`${logo} is no longer in ReDoc's bundle: check what it loads now`);
writeFileSync(redoc, bundle.split(logo).join("data:,"));
versions[versions.findIndex((line) => line.startsWith("redoc.standalone.js"))] += "\tits logo's CDN address replaced by data:,";

mkdirSync(join(vendor, "licenses"));
for (const [name, texts] of Object.entries(licences)) {
  for (const text of texts) {
    copyFileSync(join(modules, name, text), join(vendor, "licenses", `${name}.${text.split("/").pop()}`));
  }
}
writeFileSync(join(vendor, "VERSIONS.txt"), versions.join("\n") + "\n");
console.log(`copied ${files.length} files into ${vendor}`);
