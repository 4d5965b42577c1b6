// Spanish messages for plain documents and quizzes (exercise 01): the answers a learner writes
// in a YAML file, checked against a key. Spread into the main catalogue in es.ts.
import type { Catalogue } from './types.ts';
import { code } from './format.ts';

const options = (v: unknown) => ((v as string[] | undefined) ?? []).map(code).join(', ');

export const esQuiz: Catalogue = {
  'file.missing': {
    what: (p) => `No existe el archivo ${code(p.file)}.`,
    fix: () => 'Recupéralo del ejercicio (`git checkout -- <archivo>`) y escribe en él tus respuestas.',
  },
  'quiz.notMap': {
    what: (p) => `Las respuestas deben ser un mapa \`pregunta: respuesta\`, como en el archivo de partida; ahora el archivo es ${p.type}.`,
    fix: () => 'Deja cada clave (`p01`, `p02`…) al principio de su línea, sin sangría, seguida de `:` y tu respuesta.',
  },
  'quiz.unknownQuestion': {
    what: (p) => `${code(p.id)} no es ninguna pregunta del cuestionario.${p.suggestion ? ` ¿Quisiste decir ${code(p.suggestion)}?` : ''}`,
    fix: () => 'No cambies los nombres de las claves: escribe tu respuesta como valor, entre las comillas.',
  },
  'quiz.unansweredAll': {
    what: (p) => `${p.count === 1 ? 'Falta' : 'Faltan'} ${p.count} respuesta${p.count === 1 ? '' : 's'}:\n${((p.list as string[] | undefined) ?? []).map((l) => `    - ${l}`).join('\n')}`,
    fix: () => 'Escribe entre las comillas la letra de la opción que elijas, por ejemplo `p07: "c"`.',
  },
  'quiz.unanswered': {
    what: (p) => `${p.label} no tiene respuesta.`,
    fix: (p) => `Escribe entre las comillas la letra de una opción: ${options(p.options)}.`,
  },
  'quiz.unansweredItems': {
    what: (p) => `En ${code(p.id)} faltan respuestas para: ${((p.items as string[] | undefined) ?? []).join(', ')}.`,
    fix: (p) => `Escribe junto a cada una la letra de su campo: ${options(p.options)}.`,
  },
  'quiz.invalidOption': {
    what: (p) => `«${p.answer}» no es una opción de ${p.label}. Opciones válidas: ${options(p.options)}.`,
    fix: () => 'Escribe solo la letra de la opción que elijas (por ejemplo `"b"`), sin más texto.',
  },
  'quiz.wrong': {
    what: (p) => `Tu respuesta: «${p.answer}» — ${p.explanation ?? 'no es la opción correcta.'}`,
    fix: (p) => `Repasa ${code(p.doc)} y vuelve a intentarlo.`,
  },
  'quiz.matchingNotMap': {
    what: (p) => `${code(p.id)} debe tener una clave por cada opción de \`docker run\` (${options(p.items)}), cada una con una letra.`,
    fix: () => 'Recupera el bloque del archivo de partida y escribe solo las letras.',
  },
};
