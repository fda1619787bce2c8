#include "trainings/types.hpp"

namespace schakel::trainings {

const std::vector<Choice>& modules() {
  static const std::vector<Choice> list = {{"basics", "Basis"},
                                           {"deepening", "Verdieping"},
                                           {"intervision", "Intervisie"},
                                           {"follow_up", "Opvolging"}};
  return list;
}

const std::vector<Choice>& formats() {
  static const std::vector<Choice> list = {
      {"in_person", "Fysiek"}, {"online", "Online"}, {"webinar", "Webinar"}};
  return list;
}

const std::vector<std::string>& confidence_questions() {
  static const std::vector<std::string> list = {
      "Ik herken signalen van intrafamiliaal geweld.",
      "Ik weet hoe ik een vermoeden van intrafamiliaal geweld kan bespreken met de betrokkene.",
      "Ik weet bij wie ik terechtkan om een vermoeden verder op te volgen.",
  };
  return list;
}

const std::vector<Choice>& use_options() {
  static const std::vector<Choice> list = {
      {"signals", "Signalen herkennen"}, {"conversation", "Het gesprek aangaan"},
      {"referral", "Doorverwijzen"},     {"tools", "Instrumenten uit de vorming"},
      {"team", "Delen met mijn team"},
  };
  return list;
}

}  // namespace schakel::trainings
