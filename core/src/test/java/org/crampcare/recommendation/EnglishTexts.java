package org.crampcare.recommendation;

import com.google.common.collect.ImmutableMap;

/** The built-in English patient-facing texts. */
final class EnglishTexts {
  private EnglishTexts() {}

  static final ImmutableMap<String, String> TEXTS =
      ImmutableMap.<String, String>builder()
          // urgent
          .put(
              "urgent-medical-review.dvt",
              "Get medical care today. Swelling or redness of the calf with a cramp can be a sign"
                  + " of a blood clot in the leg (deep vein thrombosis), which needs prompt"
                  + " treatment.")
          .put(
              "urgent-medical-review.rhabdomyolysis",
              "Get medical care today and say that you take a statin or have had a muscle blood"
                  + " test. Muscle weakness, dark urine or a very high muscle enzyme can be a sign"
                  + " of serious muscle damage (rhabdomyolysis).")
          .put(
              "urgent-medical-review",
              "Get medical care today: what you describe needs prompt medical review.")
          // clinical follow-up
          .put(
              "clinician-visit",
              "Make an appointment with your doctor or nurse to look for the cause of your"
                  + " cramps.")
          .put(
              "clinician-visit.maternity",
              "Tell your midwife or maternity doctor about your cramps. They will look for causes"
                  + " and advise on what is safe in pregnancy; do not start any medicine or"
                  + " supplement for cramps on your own.")
          .put(
              "medication-review",
              "Ask your doctor or pharmacist to review your medicines: some can cause cramps. Do"
                  + " not stop or change any medicine on your own.")
          .put(
              "medication-review.quinine",
              "Talk to your doctor about your quinine: it is not recommended for cramps because"
                  + " of rare but serious side effects. Do not stop or change it without advice.")
          .put(
              "electrolyte-testing",
              "Ask your doctor whether you need a blood test for salts and minerals such as"
                  + " potassium, sodium, calcium and magnesium.")
          .put(
              "abnormal-lab-follow-up",
              "A recent blood result is outside the normal range. Ask your doctor what it means"
                  + " and whether it needs treatment or a repeat test.")
          .put(
              "underlying-condition-review",
              "Ask your doctor to review a condition you have that can be linked to cramps, such"
                  + " as a thyroid, kidney, liver, nerve or circulation problem.")
          .put(
              "discuss-fluid-targets",
              "Ask your doctor or nurse how much you should drink each day: with your condition,"
                  + " the usual advice to drink more may not be safe.")
          // immediate relief
          .put(
              "stretch-affected-muscle",
              "During a cramp, gently stretch the cramping muscle and hold the stretch until the"
                  + " cramp eases. For a calf cramp, straighten the leg and pull your toes up"
                  + " towards you.")
          .put(
              "massage-affected-muscle",
              "Gently rub and knead the cramping muscle to help it relax.")
          .put(
              "apply-heat",
              "Warmth, such as a warm towel, a heat pad or a warm bath, may help a tight muscle"
                  + " relax once the cramp has passed.")
          .put(
              "walk-and-move",
              "For a leg or foot cramp, get up and walk about, or shake and move the leg, once"
                  + " the worst has passed.")
          // prevention
          .put(
              "regular-stretching",
              "Stretch the muscles that cramp for a few minutes every day, for example before"
                  + " bed.")
          .put(
              "hydration",
              "Drink enough fluid through the day, especially when you exercise or when it is"
                  + " hot.")
          .put(
              "dietary-magnesium",
              "Eat foods rich in magnesium, such as green leafy vegetables, nuts, seeds, beans and"
                  + " whole grains. This is food advice only: supplements have not been shown to"
                  + " help cramps, so talk to your doctor before taking any.")
          .put(
              "hand-strengthening-exercises",
              "Do gentle hand exercises every day, such as opening and closing your fist,"
                  + " spreading your fingers, or squeezing a soft ball.")
          .put(
              "activity-breaks",
              "Take short, regular breaks from typing, texting or other repetitive hand work, and"
                  + " stretch your hands and wrists.")
          .put(
              "gradual-exercise-progression",
              "Build up exercise gradually, warm up before and stretch after, and rest muscles"
                  + " that are overworked.")
          .put(
              "move-after-sitting",
              "Get up and move about regularly when you sit for long periods.")
          .put(
              "keep-muscles-warm",
              "Keep your muscles warm when it is cold, for example with warm clothing or"
                  + " bedding.")
          .put(
              "limit-alcohol",
              "Cut down on alcohol: regular or heavy drinking is linked with cramps.")
          // cautions
          .put(
              "caution.caution-burn-risk",
              "Take care with heat: reduced feeling in the skin makes burns more likely. Check the"
                  + " temperature with a hand that has normal feeling, use a cover, and never"
                  + " sleep on a heat pad.")
          // notices
          .put(
              "notice.adults-only",
              "CrampCare's rule book covers adults (18 and over) only, so no plan was made. Please"
                  + " ask a doctor or nurse about cramps in children and young people.")
          .put(
              "notice.no-recent-episodes",
              "No usable cramp episode was recorded in the assessment window, so no self-care or"
                  + " prevention plan was made; red flags and the advice they call for still"
                  + " stand.")
          .put(
              "notice.pregnancy",
              "In pregnancy CrampCare gives no medication advice: medicines and frequent cramps"
                  + " are for the maternity clinician to decide.")
          .build();
}
