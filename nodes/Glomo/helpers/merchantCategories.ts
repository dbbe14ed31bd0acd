import merchantCategories from './data/merchantCategories.json';

/**
 * Glomo's merchant categories and the sub-categories each takes (platform merchant onboarding).
 * The published spec lists both enums but not which sub-category belongs to which category; its
 * sub-category list runs in merchant-category-code order, and data/merchantCategories.json cuts
 * that list into one run per category at the code ranges (0742-0780 agricultural, 1520-2842
 * contracted, 4011-4789 transportation, 4812-4899 telecommunications, 4900 utilities, 5013-5999
 * retail, 6010-6540 financial, 7011-7999 business, 8011-8999 professional, 9211-9950 government).
 */
export const MERCHANT_CATEGORIES: ReadonlyArray<{ category: string; subCategories: readonly string[] }> = merchantCategories;

/** The sub-categories of a category (none for a category Glomo does not list). */
export function subCategoriesOf(category: string): readonly string[] {
	return MERCHANT_CATEGORIES.find((entry) => entry.category === category)?.subCategories ?? [];
}

/** The category a sub-category is listed under, or undefined for a name Glomo does not list. */
export function categoryOf(subCategory: string): string | undefined {
	return MERCHANT_CATEGORIES.find((entry) => entry.subCategories.includes(subCategory))?.category;
}
