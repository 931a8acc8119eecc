/**
 * The course for reading from disk: the same site, with every internal URL
 * relative to its page. `deno task build --config _config.offline.ts --dest _offline`
 */
import site from "./_config.ts";
import { relativeUrls } from "./ssg/mod.ts";

export default site.use(relativeUrls());
