namespace MLExt.AutoML;

/// <summary>How much one parameter explains the trials' scores (<see cref="ParameterImportance"/>).</summary>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Share">Its share of the total importance, in [0, 1]; the shares sum to 1 unless all are 0.</param>
/// <param name="RmseIncrease">The mean increase of the surrogate's RMSE when the parameter's column is shuffled (metric units).</param>
public sealed record ParameterImportanceValue(string Parameter, double Share, double RmseIncrease);
