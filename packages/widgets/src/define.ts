/** Registers every Toile element (only tags that are still free). */
import './data/toile-data.ts';
import './company-card/company-card.ts';
import './network/network.ts';
import './synergy-finder/synergy-finder.ts';
import './domino-simulator/domino-simulator.ts';
import './declaration-form/declaration-form.ts';
import './moderation/moderation.ts';
import './workshop/workshop.ts';
