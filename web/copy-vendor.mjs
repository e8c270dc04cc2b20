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
];

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
const versions = [];
for (const [name, path, target] of files) {
  copyFileSync(join(modules, name, path), join(vendor, target));
  const { version, license } = JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8"));
  versions.push(`${target}\t${name}@${version}\t${license}`);
}
writeFileSync(join(vendor, "VERSIONS.txt"), versions.join("\n") + "\n");
console.log(`copied ${files.length} files into ${vendor}`);
