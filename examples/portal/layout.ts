/**
 * The portal's shared header and footer, written into every page by the vite plugin in
 * vite.config.ts (each page says where with `<!-- toile:header -->` / `<!-- toile:footer -->` and
 * which page it is with `<body data-page="…">`). Plain static markup: no framework for six pages.
 */

/** One piece of text in both languages; CSS shows the one of the page's language. */
export function t(fr: string, en: string): string {
  return `<span lang="fr" data-t>${fr}</span><span lang="en" data-t>${en}</span>`;
}

/** The pages of the portal, in menu order. */
export const PAGES = [
  { id: 'index', href: './index.html', fr: 'Accueil', en: 'Home' },
  { id: 'reseau', href: './reseau.html', fr: 'La toile', en: 'The web' },
  { id: 'entreprise', href: './entreprise.html', fr: 'Entreprises', en: 'Companies' },
  { id: 'synergies', href: './synergies.html', fr: 'Synergies', en: 'Synergies' },
  { id: 'domino', href: './domino.html', fr: 'Effet domino', en: 'Domino effect' },
  { id: 'integrer', href: './integrer.html', fr: 'Intégrer la toile', en: 'Embed the web' },
] as const;

/** The header: brand, language switch and main navigation with the current page marked. */
export function header(page: string): string {
  const items = PAGES.map((p) => `<li><a href="${p.href}"${p.id === page ? ' aria-current="page"' : ''}>${t(p.fr, p.en)}</a></li>`).join('');
  return `<a class="skip" href="#contenu">${t('Aller au contenu', 'Skip to content')}</a>
<header class="site-header">
  <div class="topbar">
    <div class="wrap">
      <a class="brand" href="./index.html">
        <img src="./logo.svg" alt="" width="44" height="44" />
        <span class="brand-text"><strong>CCI Estuaire Vire-Marine</strong>
          <small>${t('Chambre de commerce et d’industrie · exemple fictif', 'Chamber of commerce and industry · fictional example')}</small></span>
      </a>
      <div class="lang-switch" role="group" aria-label="Langue / Language">
        <button type="button" data-set-lang="fr" aria-pressed="true" lang="fr" title="Français">FR</button>
        <button type="button" data-set-lang="en" aria-pressed="false" lang="en" title="English">EN</button>
      </div>
    </div>
  </div>
  <nav class="site-nav" aria-label="Navigation"><div class="wrap"><ul>${items}</ul></div></nav>
</header>`;
}

/** The footer: who publishes, what the data is, what the tool is. */
export function footer(): string {
  const links = PAGES.slice(1)
    .map((p) => `<li><a href="${p.href}">${t(p.fr, p.en)}</a></li>`)
    .join('');
  return `<footer class="site-footer">
  <div class="wrap cols">
    <div>
      <p class="footer-title">CCI Estuaire Vire-Marine</p>
      <p>${t('Service Industrie et Territoires', 'Industry and Territories department')}<br />1, quai de la Darse — 76992 Port-Vire<br />${t('(adresse fictive)', '(fictional address)')}</p>
    </div>
    <div>
      <p class="footer-title">${t('La toile industrielle', 'The industrial web')}</p>
      <ul>${links}</ul>
    </div>
    <div>
      <p class="footer-title">${t('Données et outil', 'Data and tool')}</p>
      <p>${t(
        'Territoire, entreprises et échanges <strong>fictifs</strong> : données d’exemple sous Licence Ouverte Etalab 2.0. Cartographie réalisée avec Toile, logiciel libre (EUPL-1.2).',
        'Territory, companies and exchanges are <strong>fictional</strong>: sample data under the Etalab Open Licence 2.0. Built with Toile, free software (EUPL-1.2).',
      )}</p>
    </div>
  </div>
  <div class="wrap legal">${t('Site de démonstration — aucune entreprise citée n’existe.', 'Demonstration site — none of the companies named exists.')}</div>
</footer>`;
}
