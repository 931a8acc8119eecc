// The course's _config.ts without search(): the build benchmark's second case,
// the same work as a generator that renders Markdown and TeX but indexes nothing.
import site, {
  basePath,
  figures,
  highlight,
  links,
  markdown,
  math,
  nav,
  sitemap,
  theme,
} from "../ssg/mod.ts";

export default site({
  location: "https://example.org/",
  languages: ["zh", "en"],
})
  .ignore("README.md", "engine", "tests", "bench", "ssg")
  .copy([".png", ".jpg", ".svg"])
  .use(markdown())
  .use(math())
  .use(figures())
  .use(highlight())
  .use(nav())
  .use(sitemap())
  .use(theme())
  .use(basePath())
  .use(links());
