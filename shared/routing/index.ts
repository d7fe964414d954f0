export { buildPlaceIndex, locate, locateCompound, locateIn } from './locate';
export type { Location, PlaceIndex, Places } from './locate';
export { chooseResponsibleUnit } from './responsibleUnit';
export type { CommunityCompounds, ResponsibilityTarget } from './responsibleUnit';
export { distanceMetres, withinRadius } from './distance';
