/**
 * Names a caller is likely to have: the most common US first names and surnames (after the Census
 * Bureau's frequency lists and the SSA's baby-name counts), lower-case. A name word outside these, or
 * outside the business's own vocabulary, is one the recogniser may have misheard, so the policy asks the
 * caller to spell it. Not a judgement on any name: an unusual name is simply spelled once.
 */
const FIRST_NAMES =
  'aaron abigail adam adrian aisha alan albert alex alexander alexandra alexis alice alicia allison alyssa ' +
  'amanda amber amy ana andrea andrew angela anna anne anthony antonio april arthur ashley austin ' +
  'barbara benjamin beth betty beverly bill billy bob bobby bonnie brandon brenda brian brittany bruce ' +
  'bryan caleb cameron carl carlos carol carolyn catherine charles charlotte cheryl chloe chris christian ' +
  'christina christine christopher cindy claire cody colin connor craig crystal cynthia daniel danielle ' +
  'david dawn debbie deborah debra denise dennis derek diana diane donald donna doris dorothy douglas ' +
  'dylan edward elijah elizabeth ella ellen emily emma eric erica erin ethan eugene evelyn frances frank ' +
  'gabriel gary george gerald gloria grace greg gregory hannah harold harry heather helen henry holly ' +
  'isaac isabella jack jacob jacqueline james jamie jane janet janice jason jay jean jeff jeffrey jennifer ' +
  'jeremy jerry jesse jessica jill joan joe joel john johnny jonathan jordan jose joseph joshua joyce juan ' +
  'judith judy julia julie justin karen katherine kathleen kathryn kathy katie kayla keith kelly kenneth ' +
  'kevin kim kimberly kyle larry laura lauren lawrence leah lee leo liam linda lisa logan lori louis ' +
  'lucas lucy luis luke madison maria marie marilyn mark martha martin mary mason matthew megan melissa ' +
  'mia michael michelle mike miguel mila molly monica nancy natalie nathan nicholas nicole noah nora ' +
  'olivia oliver pamela patricia patrick paul peter philip rachel ralph randy raymond rebecca richard ' +
  'rita robert robin roger ronald rose ruby russell ruth ryan samantha samuel sandra sara sarah scott ' +
  'sean sharon shirley sofia sophia stephanie stephen steve steven susan tammy teresa terry theresa ' +
  'thomas tiffany timothy tina todd tom tony tracy tyler valerie vanessa victoria vincent virginia walter ' +
  'wayne william willie zachary zoe ada ann dave sam ben dan ed jim ken max nick rob ron tim will';

const SURNAMES =
  'adams alexander allen alvarez anderson bailey baker barnes bell bennett brooks brown bryant butler ' +
  'campbell carter castillo chavez clark coleman collins cook cooper cox cruz davis diaz edwards evans ' +
  'fisher flores ford foster garcia gibson gomez gonzalez gordon graham gray green griffin hall ' +
  'hamilton harris hayes henderson hernandez hill howard hughes jackson james jenkins jimenez johnson ' +
  'jones jordan kelly kennedy kim king lee lewis long lopez martin martinez mason mcdonald mendoza ' +
  'meyer miller mitchell moore morales morgan morris murphy murray myers nelson nguyen ortiz owens ' +
  'parker patel patterson perez perry peterson phillips powell price ramirez ramos reed reyes reynolds ' +
  'richardson rivera roberts robinson rodriguez rogers ross russell ruiz sanchez sanders scott shaw ' +
  'simmons smith stewart sullivan taylor thomas thompson torres turner walker wallace ward washington ' +
  'watson webb wells west white williams wilson wood woods wright young lovelace hopper turing cohen ' +
  'schmidt mueller muller kowalski novak obrien murphy kelly walsh byrne ryan doyle quinn fox cole';

export const KNOWN_NAMES: ReadonlySet<string> = new Set(`${FIRST_NAMES} ${SURNAMES}`.split(' '));
