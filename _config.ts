import site, {
  basePath,
  dataUrls,
  downloads,
  figures,
  highlight,
  islands,
  links,
  markdown,
  math,
  nav,
  search,
  type SearchOptions,
  sitemap,
  theme,
} from "./ssg/mod.ts";

/**
 * The course's site; `{ search: false }` leaves out the search index (the build benchmark's
 * second case, bench/no_search.config.ts), and `{ search: { … } }` sets its options.
 */
export function course(
  { search: withSearch = true }: { search?: boolean | SearchOptions } = {},
) {
  const made = site({
    location: "https://example.org/",
    languages: ["zh", "en"],
  })
    .ignore("README.md", "engine", "tests", "bench", "ssg", "datasets")
    .copy([".png", ".jpg", ".svg"])
    .use(markdown())
    .use(math())
    .use(figures())
    .use(highlight())
    .use(nav())
    .use(sitemap())
    .use(theme());
  if (withSearch) made.use(search(withSearch === true ? {} : withSearch));
  return made
    .use(downloads())
    .use(islands())
    .use(dataUrls())
    .use(basePath())
    .use(links());
}

export default course();
