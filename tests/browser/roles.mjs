// The demo accounts of every role and the pages each of them can reach, shared
// by the menu story (menus.test.mjs) and the phone story (phones.test.mjs).
import { DEMO_COORDINATOR, DEMO_PROFESSIONAL, DEMO_TOTP_SECRET, PUBLIC_PAGES } from './support.mjs';

const PASSWORD = 'schakel-demo-2026';
export const SERIES = '/vorming/kindermishandeling-herkennen-demo';

// name, the account (null: anonymous), what its menu must and must not hold,
// and the detail pages it uses besides its menu.
export const ROLES = [
  {
    name: 'an anonymous visitor',
    account: null,
    menuHas: ['/vorming', '/kennisbank', '/netwerk', '/aanmelden'],
    menuLacks: ['/profiel', '/netwerk/spocs', '/overleg'],
    pages: [...PUBLIC_PAGES, '/aanmelden', '/registreren', '/wachtwoord-vergeten', '/aanmelden/link',
      `${SERIES}/inschrijven`, '/kennisbank/vormingsreeksen-ifg', '/zoeken?q=geweld',
      '/hulp/in-de-buurt', '/hulp/dichtbij/beed', '/nieuwsbrief', '/initiatieven'],
  },
  {
    name: 'a professional',
    account: DEMO_PROFESSIONAL,
    menuHas: ['/vorming', '/profiel'],
    menuLacks: ['/netwerk/spocs', '/netwerk/mijn-gemeente', '/netwerk/beheer', '/beheer', '/coordinatie',
      '/nieuwsbrief/beheer', '/overleg'],
    pages: ['/profiel', '/profiel/meldingen', '/profiel/sessies', '/profiel/tweestapsverificatie', '/profiel/verwijderen',
      '/vorming/mijn', '/vorming/mijn-agenda', '/kennisbank/nieuw', '/kennisbank/nieuw?soort=podcast_episode',
      '/kennisbank/vormingsreeksen-ifg', SERIES, '/zoeken?q=partnergeweld',
      '/doorverwijzen?plaats=9000', '/initiatieven'],
  },
  {
    name: 'a SPOC',
    account: { email: 'spoc.gent@demo.schakel.be', password: PASSWORD },
    menuHas: ['/vorming', '/netwerk/mijn-gemeente', '/netwerk/spocs', '/profiel', '/overleg'],
    menuLacks: ['/netwerk/beheer', '/beheer', '/beheer/audit', '/coordinatie', '/nieuwsbrief/beheer'],
    pages: ['/netwerk/gemeenten/44021', '/vorming/nieuw', '/vorming/aanwezigheid', SERIES,
      `${SERIES}/deelnemers`, `${SERIES}/aanwezigheid`, `${SERIES}/evaluatie`, `${SERIES}/bewerken`,
      `${SERIES}/sessies/nieuw`, `${SERIES}/attesten`, '/kennisbank/nieuw?soort=tool',
      '/kennisbank/demo-gent-buurtaanpak', '/kennisbank/demo-gent-buurtaanpak/bewerken',
      '/kennisbank/demo-gent-buurtaanpak/geschiedenis',
      '/campagnes/postkaarten', '/campagnes/gemeenten/44021/hulplijnen',
      '/netwerk/hulpaanbod', '/netwerk/hulpaanbod/nieuw', '/overleg/actiepunten'],
    // The pages of a session, linked from the series page of its organiser.
    sessionPages: true,
    // The pages of a distribution round, linked from the campaign page.
    campaignPages: true,
  },
  {
    name: 'a coordinator',
    account: DEMO_COORDINATOR,
    menuHas: ['/coordinatie', '/vorming', '/netwerk/beheer', '/beheer/audit', '/netwerk/spocs', '/profiel',
      '/nieuwsbrief/beheer', '/overleg'],
    menuLacks: ['/beheer', '/beheer/backups', '/netwerk/mijn-gemeente'],
    pages: ['/vorming/impact', '/vorming/aanwezigheid', '/netwerk/gemeenten/41002', '/kennisbank/termen',
      '/kennisbank/synoniemen', '/kennisbank/nieuw?soort=tool', '/kennisbank/babobox/bewerken',
      '/kennisbank/babobox/bewerken?stap=soort', SERIES, `${SERIES}/deelnemers`, `${SERIES}/aanwezigheid`,
      `${SERIES}/evaluatie`, '/hulp/1712/bewerken', '/hulp/nieuw', '/overleg/nieuw', '/overleg/actiepunten',
      '/campagnes/postkaarten', '/campagnes/postkaarten/child_abuse/bewerken',
      '/netwerk/hulpaanbod', '/netwerk/hulpaanbod/importeren',
      '/signalen/overzicht', '/doelen/1/bewerken', '/coordinatie?jaar=2025', '/nieuwsbrief/nieuw'],
    // The confirmation page of ending a membership, linked from network management.
    confirmMembership: true,
    campaignPages: true,
  },
  {
    name: 'an admin',
    account: { email: 'admin@demo.schakel.be', password: PASSWORD, totpSecret: DEMO_TOTP_SECRET },
    menuHas: ['/coordinatie', '/vorming', '/beheer', '/beheer/backups', '/netwerk/spocs', '/profiel'],
    menuLacks: ['/netwerk/beheer', '/nieuwsbrief/beheer'],
    pages: ['/beheer/mails', '/beheer/gebruikers', '/beheer/audit', '/beheer/backups',
      '/netwerk/gemeenten/44021'],
    mailPage: true,
  },
];

// The local links of the header and footer (the menus) of the page open in `page`.
export async function menuLinks(page) {
  const hrefs = await page.$$eval('header a[href^="/"], footer a[href^="/"]',
    (links) => links.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs)];
}

// The local links in <main> of `path` whose address matches `pattern`.
export async function linksOn(page, baseUrl, path, pattern) {
  await page.goto(baseUrl + path);
  const hrefs = await page.$$eval('main a[href^="/"]', (links) => links.map((a) => a.getAttribute('href')));
  return [...new Set(hrefs.filter((h) => pattern.test(h)))];
}

// Every page `role` uses: its menu, its detail pages and the pages found from them.
export async function pagesOf(page, baseUrl, role) {
  await page.goto(baseUrl + '/');
  const list = [...(await menuLinks(page)), ...role.pages];
  if (role.sessionPages) {
    list.push(...(await linksOn(page, baseUrl, SERIES, /\/sessies\/\d+\/(aanwezigheid|qr|bewerken)$/)).slice(0, 3));
  }
  if (role.confirmMembership) {
    list.push(...(await linksOn(page, baseUrl, '/netwerk/beheer', /\/beeindigen$/)).slice(0, 1));
  }
  if (role.campaignPages) {
    list.push(...(await linksOn(page, baseUrl, '/campagnes/postkaarten', /^\/campagnes\/rondes\/\d+\/gemeenten\/\d+$/)).slice(0, 1));
    list.push(...(await linksOn(page, baseUrl, '/campagnes/postkaarten', /^\/campagnes\/rondes\/\d+\/totalen$/)).slice(0, 1));
  }
  if (role.mailPage) {
    list.push(...(await linksOn(page, baseUrl, '/beheer/mails', /^\/beheer\/mails\/\d+$/)).slice(0, 1));
  }
  return [...new Set(list)];
}
