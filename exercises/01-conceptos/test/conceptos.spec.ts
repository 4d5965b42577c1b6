import path from 'node:path';
import { exercise, expect, loadQuizKey } from '@taller/grader';

const ex = exercise(import.meta.dirname);
// The key holds hashes of the answers, not the answers (see packages/grader/scripts/clave.ts).
const key = loadQuizKey(path.join(import.meta.dirname, 'clave.yaml'));
const answers = () => ex.document('respuestas.yaml');

describe(ex.title, () => {
  describe('Nivel estático', () => {
    it('`respuestas.yaml` se lee', () => {
      expect(answers()).to.have.answerSheet(key);
    });

    it('todas las preguntas tienen respuesta', () => {
      expect(answers()).to.have.answeredAll(key);
    });

    it('p01 · Docker y Kubernetes: quién hace qué', () => {
      expect(answers()).to.have.answerCorrect('p01', key);
    });

    it('p02 · imagen y contenedor', () => {
      expect(answers()).to.have.answerCorrect('p02', key);
    });

    it('p03 · máquina virtual y contenedor', () => {
      expect(answers()).to.have.answerCorrect('p03', key);
    });

    it('p04 · por qué un contenedor es ligero', () => {
      expect(answers()).to.have.answerCorrect('p04', key);
    });

    it('p05 · portabilidad de una imagen', () => {
      expect(answers()).to.have.answerCorrect('p05', key);
    });

    it('p06 · qué aporta un orquestador', () => {
      expect(answers()).to.have.answerCorrect('p06', key);
    });

    it('p07 · escalado horizontal (scale out)', () => {
      expect(answers()).to.have.answerCorrect('p07', key);
    });

    it('p08 · escalado vertical (scale up)', () => {
      expect(answers()).to.have.answerCorrect('p08', key);
    });

    it('p09 · elasticidad', () => {
      expect(answers()).to.have.answerCorrect('p09', key);
    });

    it('p10 · HorizontalPodAutoscaler', () => {
      expect(answers()).to.have.answerCorrect('p10', key);
    });

    it('p11 · máquinas virtuales y contenedores en la nube', () => {
      expect(answers()).to.have.answerCorrect('p11', key);
    });

    it('emparejar · opciones de `docker run` y campos del Pod', () => {
      expect(answers()).to.have.answerCorrect('emparejar', key);
    });
  });
});
