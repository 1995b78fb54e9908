using Nabla.Tensors;

namespace Nabla.Models;

/// <summary>
/// The feature matrices of one fold: called with the training and the test rows, it returns their features, with any
/// preprocessing fitted on the training rows alone (so that the test rows stay unseen).
/// </summary>
/// <param name="trainRows">Indices of the fold's training rows, sorted.</param>
/// <param name="testRows">Indices of the fold's test rows, sorted.</param>
public delegate (Matrix<double> Train, Matrix<double> Test) FoldFeatures(int[] trainRows, int[] testRows);
