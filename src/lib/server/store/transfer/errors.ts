/**
 * A transfer that cannot be done, or was not done, said in one plain line for the operator
 * running `npm run migrate` (the command prints the message and exits with 1). It never
 * carries a database password.
 */
export class TransferError extends Error {
	constructor(
		message: string,
		/** Printed after the message: the verification table that shows what differed. */
		readonly details?: string
	) {
		super(message);
		this.name = 'TransferError';
	}
}
