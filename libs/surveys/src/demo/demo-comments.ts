import type { Random } from '@changepulse/core';

// What people write in the comment box: hopeful from those who live the values, critical from the others.
const COMMENTS = {
  de: {
    hopeful: [
      'Seit wir die Kundenzahlen im Teammeeting besprechen, weiß ich besser, wofür wir das machen.',
      'Die neuen Gesprächsleitfäden helfen mir, Beschwerden schneller zu lösen.',
      'Gut, dass wir endlich gefragt werden. Bitte die Ergebnisse auch mit uns teilen.',
      'Mein Teamleiter nimmt sich jetzt Zeit, mit uns über einzelne Kundenfälle zu sprechen.',
      'Ich finde die Idee gut, Kundenfeedback jede Woche auszuwerten.',
      'Die Zusammenarbeit mit dem Vertrieb ist besser geworden.',
    ],
    critical: [
      'Im CRM fehlen oft die Daten, die ich im Gespräch mit dem Kunden brauche.',
      'Für neue Ideen bleibt bei den Zielvorgaben pro Stunde kaum Zeit.',
      'Die Schulung zum neuen System war zu kurz.',
      'Wir hören viel über Kundenorientierung, aber die Prozesse sind noch die alten.',
      'Unsere Prämien belohnen die Anzahl der Anrufe, nicht zufriedene Kunden.',
      'Informationen aus der Zentrale kommen bei uns im Team spät oder gar nicht an.',
    ],
  },
  en: {
    hopeful: [
      'Knowing how many customers complain, and why, changed how I handle my calls.',
      'Our weekly huddle on customer feedback is the best new habit we have.',
      'Thanks for asking us. Please share what comes out of it.',
      'My manager now uses the CRM reports to coach rather than to check on us.',
      'Sales and service finally talk to each other about the same customers.',
      'The new call guide gives me room to actually solve the problem.',
    ],
    critical: [
      'The CRM often lacks the customer history I need during a call.',
      'Targets on call volume leave no time to try anything new.',
      'The training on the new system was too short and too early.',
      'Lots of talk about customer focus, but the processes have not changed yet.',
      'Incentives still reward the number of calls, not happy customers.',
      'News from head office reaches our team late, if at all.',
    ],
  },
};

/** A comment in the person's language (German for German locales, mostly), matching how they answered. */
export function demoComment(random: Random, locale: string, hopeful: boolean): string {
  const language = locale.startsWith('de') && random() < 0.85 ? 'de' : 'en';
  const pool = COMMENTS[language][hopeful ? 'hopeful' : 'critical'];
  return pool[Math.floor(random() * pool.length)];
}
