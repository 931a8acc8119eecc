/**
 * Numbers that lecture 1's prose states, computed by the engine when the site is built:
 * `{{ lecture1.fit.bestW }}` in a page. The data set is the course's hours-and-scores table.
 */
import { mse, sweepW } from "../engine/mod.ts";
import { COURSE_AXIS, courseData } from "../_components/_chart/course.ts";
import { fmt } from "../_components/_chart/format.ts";

const train = courseData("descent");
const fit = sweepW(train, COURSE_AXIS);
/** The first guess the lecture tries, and the input it holds back as a test question. */
const guess = 1, testX = 4;

export default {
  /** How many samples the training set has. */
  samples: train.x.length,
  /** The test question: hours studied, not among the training inputs. */
  testX,
  guess: {
    w: fmt(guess),
    mse: fmt(mse(train, guess)),
    predict: fmt(testX * guess),
  },
  fit: {
    /** Candidates of `np.arange(0.0, 4.1, 0.1)`. */
    candidates: fit.w.length,
    bestW: fmt(fit.best.w),
    bestMse: fmt(fit.best.mse),
    /** The best model's answer to the test question. */
    predict: fmt(testX * fit.best.w),
  },
};
