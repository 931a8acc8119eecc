// The course's _config.ts without search(): the build benchmarks' second case, the same work
// as a generator that renders Markdown and TeX but indexes nothing.
import { course } from "../_config.ts";

export default course({ search: false });
