import site, {
  basePath,
  downloads,
  figures,
  highlight,
  links,
  markdown,
  math,
  nav,
  search,
  sitemap,
  theme,
} from "./ssg/mod.ts";

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
  .use(search())
  .use(downloads())
  .use(basePath())
  .use(links());
