/** Request header proxy.ts sets to the routed path of a page (read by missing-page-target.ts). */
export const PAGE_PATH_HEADER = "x-runyard-page-path";
